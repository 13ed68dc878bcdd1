import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const ParameterSchema = z.object({
  name: z.string(),
  type: z.string(),
  min: z.number().nullish(),
  max: z.number().nullish(),
  defaultValue: z.unknown(),
  description: z.string().nullish(),
  choices: z.array(z.string()).nullish(),
});

export const StrategySchema = z.object({
  name: z.string(),
  description: z.string().nullish(),
  parameters: z.array(ParameterSchema),
});
export type Strategy = z.infer<typeof StrategySchema>;

export function listStrategies() {
  return call(api.GET('/api/strategies'), z.object({ strategies: z.array(StrategySchema) })).then((s) => s.strategies);
}

export function useStrategies() {
  return useQuery({ queryKey: ['strategies'], queryFn: listStrategies, staleTime: Infinity });
}
