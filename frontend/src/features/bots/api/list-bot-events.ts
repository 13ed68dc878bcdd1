import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';
import { BOT_POLL_MS } from './get-bot';
import { ROWS_PAGE } from './list-bot-orders';

export const BotEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).nullish(),
  at: z.string(),
});
export type BotEvent = z.infer<typeof BotEventSchema>;

export function listBotEvents(id: string, cursor: string | null, limit = ROWS_PAGE) {
  return call(api.GET('/api/bots/{id}/events', { params: { path: { id }, query: { limit, ...(cursor ? { cursor } : {}) } } }),
    z.object({ items: z.array(BotEventSchema), nextCursor: z.string().nullish() }));
}

/** One page of the bot's event log (oldest first), asked for again every 2 s. */
export function useBotEvents(id: string, cursor: string | null) {
  return useQuery({
    queryKey: ['bot-events', id, cursor],
    queryFn: () => listBotEvents(id, cursor),
    refetchInterval: BOT_POLL_MS,
    placeholderData: keepPreviousData,
  });
}
