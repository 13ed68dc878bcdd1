import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const EquitySchema = z.object({
  accountId: z.string(),
  from: z.string(),
  to: z.string(),
  points: z.array(z.object({ time: z.string(), equityUsdt: z.string() })),
});
export type Equity = z.infer<typeof EquitySchema>;

export function getEquity(accountId: string, from: string | undefined) {
  return call(api.GET('/api/portfolio/equity', { params: { query: { accountId, ...(from ? { from } : {}) } } }), EquitySchema);
}

/** One account's equity curve since `from` (all of it when undefined), at most 1,000 points. */
export function useEquity(accountId: string | null, from: string | undefined) {
  return useQuery({
    queryKey: ['portfolio', 'equity', accountId, from],
    queryFn: () => getEquity(accountId!, from),
    enabled: !!accountId,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
