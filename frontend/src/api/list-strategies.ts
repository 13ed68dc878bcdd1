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

export const strategiesQueryKey = ['strategies'] as const;

/** The built-ins and the user's own strategies; refreshed when the user saves or deletes one. */
export function useStrategies() {
  return useQuery({ queryKey: strategiesQueryKey, queryFn: listStrategies, staleTime: Infinity });
}

const OWN = /\buser:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i;

/**
 * The id of one of the user's own strategies, or null for a built-in. listStrategies names a user
 * strategy's id only in its description ("Your strategy (user:<id>), version n."), so it is read
 * from there until the list carries an id of its own.
 */
export function ownStrategyId(strategy: Strategy): string | null {
  return strategy.description?.match(OWN)?.[1]?.toLowerCase() ?? null;
}

/** The current version of one of the user's own strategies, read from the same description; null for a built-in. */
export function ownStrategyVersion(strategy: Strategy): number | null {
  if (ownStrategyId(strategy) === null) return null;
  const m = /\bversion (\d+)\b/.exec(strategy.description ?? '');
  return m ? Number(m[1]) : null;
}
