import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';
import { BotStatus } from './get-bot';

export const BotSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  symbol: z.string(),
  interval: z.string(),
  strategy: z.string(),
  status: BotStatus,
  replay: z.boolean(),
  realizedPnl: z.string(),
  unrealizedPnl: z.string(),
  lastCandle: z.string().nullish(),
  lastError: z.string().nullish(),
  createdAt: z.string(),
});
export type BotSummary = z.infer<typeof BotSummarySchema>;

const BotListSchema = z.object({ bots: z.array(BotSummarySchema), nextCursor: z.string().nullish() });

export const BOTS_PAGE = 50;

export function listBots(cursor: string | null) {
  return call(api.GET('/api/bots', { params: { query: { limit: BOTS_PAGE, ...(cursor ? { cursor } : {}) } } }), BotListSchema);
}

export const botsQueryKey = ['bots'] as const;

/** One page of the user's bots, newest first; refreshed every 5 s while the list is open. */
export function useBots(cursor: string | null) {
  return useQuery({
    queryKey: [...botsQueryKey, cursor],
    queryFn: () => listBots(cursor),
    refetchInterval: 5000,
  });
}
