import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';
import { backtestsQuery } from './list-backtests';

export type BacktestInput = {
  symbol: string; interval: string; strategy: string; params: Record<string, unknown>;
  from: string; to: string; startingBalance: string; feeBps: string; slippageBps: string;
  sizing: { type: 'fixed' | 'percent'; value: string };
};

export const SubmittedSchema = z.object({ id: z.string(), status: z.string() });

export function submitBacktest(body: BacktestInput) {
  return call(api.POST('/api/backtests', { body }), SubmittedSchema);
}

export function useSubmitBacktest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitBacktest,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backtestsQuery.queryKey }),
  });
}
