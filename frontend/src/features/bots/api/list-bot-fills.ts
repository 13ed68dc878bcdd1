import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';
import { BOT_POLL_MS } from './get-bot';
import { ROWS_PAGE } from './list-bot-orders';

export const BotFillSchema = z.object({
  orderId: z.string(),
  symbol: z.string(),
  tradeId: z.number(),
  exchangeOrderId: z.number(),
  side: z.enum(['BUY', 'SELL']),
  price: z.string(),
  quantity: z.string(),
  quoteQuantity: z.string(),
  commission: z.string(),
  commissionAsset: z.string(),
  maker: z.boolean(),
  time: z.string(),
  seq: z.number(),
});
export type BotFill = z.infer<typeof BotFillSchema>;

const FillPageSchema = z.object({ items: z.array(BotFillSchema), nextCursor: z.string().nullish() });

export function listBotFills(id: string, cursor: string | null, limit = ROWS_PAGE) {
  return call(api.GET('/api/bots/{id}/fills', { params: { path: { id }, query: { limit, ...(cursor ? { cursor } : {}) } } }),
    FillPageSchema);
}

/** One page of the bot's fills (oldest first), asked for again every 2 s. */
export function useBotFills(id: string, cursor: string | null) {
  return useQuery({
    queryKey: ['bot-fills', id, cursor],
    queryFn: () => listBotFills(id, cursor),
    refetchInterval: BOT_POLL_MS,
    placeholderData: keepPreviousData,
  });
}

/** Every fill of the bot, page after page (for the chart's markers). */
export async function listAllBotFills(id: string): Promise<BotFill[]> {
  const out: BotFill[] = [];
  let cursor: string | null = null;
  do {
    const page = await listBotFills(id, cursor, 500);
    out.push(...page.items);
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return out;
}

export function useAllBotFills(id: string) {
  return useQuery({
    queryKey: ['bot-fills-all', id],
    queryFn: () => listAllBotFills(id),
    refetchInterval: BOT_POLL_MS * 2,
  });
}
