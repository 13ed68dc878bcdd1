import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const ParameterSchema = z.object({
  name: z.string(),
  /** What a form shows for it ("Slow period", "Stop loss"); absent from an older server. */
  label: z.string().nullish(),
  type: z.string(),
  min: z.number().nullish(),
  max: z.number().nullish(),
  defaultValue: z.unknown(),
  description: z.string().nullish(),
  choices: z.array(z.string()).nullish(),
});

export const StrategySchema = z.object({
  name: z.string(),
  kind: z.enum(['builtin', 'user']),
  /** The user's own strategy's id and current version; null for a built-in. */
  id: z.string().nullish(),
  version: z.number().int().nullish(),
  /** What a run picked now keeps: a built-in's name, or user:<id>@<version>. */
  reference: z.string(),
  description: z.string().nullish(),
  parameters: z.array(ParameterSchema),
});
export type Strategy = z.infer<typeof StrategySchema>;

export function listStrategies() {
  return call(api.GET('/api/strategies'), z.object({ strategies: z.array(StrategySchema) })).then((s) => s.strategies);
}

export const strategiesQueryKey = ['strategies'] as const;

/** The built-ins and the user's own strategies; refreshed when the user saves or deletes one. */
export function useStrategies() {
  return useQuery({ queryKey: strategiesQueryKey, queryFn: listStrategies, staleTime: Infinity });
}

/** The id of one of the user's own strategies, or null for a built-in. */
export function ownStrategyId(strategy: Strategy): string | null {
  return strategy.kind === 'user' ? strategy.id ?? null : null;
}

/** The current version of one of the user's own strategies; null for a built-in. */
export function ownStrategyVersion(strategy: Strategy): number | null {
  return strategy.kind === 'user' ? strategy.version ?? null : null;
}
