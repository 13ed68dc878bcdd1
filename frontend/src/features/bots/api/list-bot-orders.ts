import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';
import { BOT_POLL_MS } from './get-bot';

export const BotOrderSchema = z.object({
  id: z.string(),
  clientOrderId: z.string(),
  candleOpenTime: z.string().nullish(),
  intentIndex: z.number(),
  attempt: z.number(),
  side: z.string(),
  type: z.string(),
  quantity: z.string().nullish(),
  quoteQuantity: z.string().nullish(),
  price: z.string().nullish(),
  sentQuantity: z.string().nullish(),
  status: z.string(),
  exchangeOrderId: z.number().nullish(),
  exchangeStatus: z.string().nullish(),
  executedQuantity: z.string().nullish(),
  cumulativeQuote: z.string().nullish(),
  rejectCode: z.number().nullish(),
  rejectMessage: z.string().nullish(),
  reason: z.string().nullish(),
  replaces: z.string().nullish(),
  decidedAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
});
export type BotOrder = z.infer<typeof BotOrderSchema>;

export const ROWS_PAGE = 50;

export function listBotOrders(id: string, cursor: string | null, limit = ROWS_PAGE) {
  return call(api.GET('/api/bots/{id}/orders', { params: { path: { id }, query: { limit, ...(cursor ? { cursor } : {}) } } }),
    z.object({ items: z.array(BotOrderSchema), nextCursor: z.string().nullish() }));
}

/** One page of the bot's orders (oldest first), asked for again every 2 s. */
export function useBotOrders(id: string, cursor: string | null) {
  return useQuery({
    queryKey: ['bot-orders', id, cursor],
    queryFn: () => listBotOrders(id, cursor),
    refetchInterval: BOT_POLL_MS,
    placeholderData: keepPreviousData,
  });
}
