import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export type RankMetric = 'totalReturn' | 'cagr' | 'sharpe' | 'sortino' | 'profitFactor' | 'winRate' | 'maxDrawdown';
export const RANK_METRICS: RankMetric[] = ['totalReturn', 'cagr', 'sharpe', 'sortino', 'profitFactor', 'winRate', 'maxDrawdown'];

export type RangeInput = { min: string; max: string; step: string } | { values: (string | number)[] };

export type OptimisationInput = {
  symbol: string; interval: string; strategy: string; params: Record<string, unknown>;
  ranges: Record<string, RangeInput>; search: 'grid' | 'random'; maxRuns: number; seed?: number; rankBy: RankMetric;
  walkForward?: { inSampleFraction: string; topN: number };
  from: string; to: string; startingBalance: string; feeBps: string; slippageBps: string;
  sizing: { type: 'fixed' | 'percent'; value: string };
};

export function submitOptimisation(body: OptimisationInput) {
  return call(api.POST('/api/optimizations', { body }), z.object({ id: z.string(), status: z.string() }));
}

export function useSubmitOptimisation() {
  return useMutation({ mutationFn: submitOptimisation });
}
