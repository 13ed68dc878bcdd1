import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ParameterSchema } from '@/api/list-strategies';
import { api, call } from '@/lib/api-client';

export const UserStrategySchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number(),
  reference: z.string(),
  source: z.string(),
  parameters: z.array(ParameterSchema),
  warmUp: z.number(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
});
export type UserStrategy = z.infer<typeof UserStrategySchema>;

export function getStrategy(id: string) {
  return call(api.GET('/api/strategies/{id}', { params: { path: { id } } }), UserStrategySchema);
}

export const strategyQueryKey = (id: string) => ['strategy', id] as const;

export function useStrategy(id: string | undefined) {
  return useQuery({ queryKey: strategyQueryKey(id ?? ''), queryFn: () => getStrategy(id!), enabled: !!id });
}
