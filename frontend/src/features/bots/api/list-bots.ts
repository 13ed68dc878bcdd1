import { useQueries, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiUrl, getJson } from '@/lib/api-client';
import { BotStatus, getBot } from './get-bot';

export const BotSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  symbol: z.string(),
  interval: z.string(),
  strategy: z.string(),
  status: BotStatus,
  replay: z.boolean(),
  lastCandle: z.string().nullish(),
  lastError: z.string().nullish(),
  createdAt: z.string(),
});
export type BotSummary = z.infer<typeof BotSummarySchema>;

const BotListSchema = z.object({ bots: z.array(BotSummarySchema), nextCursor: z.string().nullish() });

export const BOTS_PAGE = 50;

export function listBots(cursor: string | null) {
  return getJson(apiUrl('/api/bots', { limit: BOTS_PAGE, cursor: cursor ?? undefined }), BotListSchema);
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

/** The PnL of each listed bot (the list itself carries none): one getBot per row, polled alike. */
export function useBotDetails(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: ['bot', id], queryFn: () => getBot(id), refetchInterval: 5000 })),
  });
}
