import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { MetricsSchema } from '@/api/metrics';
import { api, call } from '@/lib/api-client';

export const BacktestStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);

export const SummarySchema = z.object({
  id: z.string(),
  status: BacktestStatus,
  progress: z.number(),
  error: z.string().nullish(),
  symbol: z.string(),
  interval: z.string(),
  strategy: z.string(),
  from: z.string(),
  to: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullish(),
  metrics: MetricsSchema.nullish(),
});
export type BacktestSummary = z.infer<typeof SummarySchema>;

export function listBacktests() {
  return call(api.GET('/api/backtests'), z.object({ backtests: z.array(SummarySchema) })).then((l) => l.backtests);
}

export const backtestsQuery = queryOptions({ queryKey: ['backtests'], queryFn: listBacktests });

export function useBacktests() {
  return useQuery({
    ...backtestsQuery,
    // Keep the list moving while something in it runs.
    refetchInterval: (q) => (q.state.data?.some((b) => b.status === 'queued' || b.status === 'running') ? 2000 : false),
  });
}
