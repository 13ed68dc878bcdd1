import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { MetricsSchema, SizingSchema } from '@/api/metrics';
import { api, call } from '@/lib/api-client';

export const RunSchema = z.object({
  rank: z.number(),
  params: z.record(z.string(), z.unknown()),
  metrics: MetricsSchema,
  /** Candles of the run where the strategy's deciding rule was undefined (nothing traded there). */
  undefinedCandles: z.number().nullish(),
  outOfSample: MetricsSchema.nullish(),
  /** The same count for its run out of sample (walk-forward); null when it was not re-run there. */
  outOfSampleUndefinedCandles: z.number().nullish(),
});
export type Run = z.infer<typeof RunSchema>;

export const OptimisationSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  progress: z.number(),
  error: z.string().nullish(),
  request: z.object({
    symbol: z.string(), interval: z.string(), strategy: z.string(),
    params: z.record(z.string(), z.unknown()).nullish(),
    ranges: z.record(z.string(), z.unknown()),
    search: z.string(), maxRuns: z.number(), seed: z.number().nullish(), rankBy: z.string(),
    walkForward: z.object({ inSampleFraction: z.string(), topN: z.number() }).nullish(),
    from: z.string(), to: z.string(), startingBalance: z.string(), sizing: SizingSchema,
  }),
  createdAt: z.string(),
  startedAt: z.string().nullish(),
  finishedAt: z.string().nullish(),
  result: z.object({
    runs: z.number(),
    invalidSets: z.number().nullish(),
    rankBy: z.string(),
    inSampleCandles: z.number().nullish(),
    outOfSampleCandles: z.number().nullish(),
    best: z.array(RunSchema),
  }).nullish(),
});
export type Optimisation = z.infer<typeof OptimisationSchema>;

export function getOptimisation(id: string) {
  return call(api.GET('/api/optimizations/{id}', { params: { path: { id } } }), OptimisationSchema);
}

export function useOptimisation(id: string | undefined) {
  return useQuery({
    queryKey: ['optimisation', id],
    queryFn: () => getOptimisation(id!),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'queued' || q.state.data.status === 'running') ? 1000 : false),
  });
}
