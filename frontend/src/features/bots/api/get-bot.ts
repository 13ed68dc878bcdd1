import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { SizingSchema } from '@/api/metrics';
import { api, call } from '@/lib/api-client';

export const BotStatus = z.enum(['stopped', 'running']);

export const RiskSchema = z.object({
  maxSignalAgeSeconds: z.number().nullish(),
  maxOrderQuote: z.string().nullish(),
  maxPositionQuote: z.string().nullish(),
  maxOpenOrders: z.number().nullish(),
  maxDailyLossPct: z.string().nullish(),
  cooldownCandles: z.number().nullish(),
  flattenOnStop: z.boolean().nullish(),
});

export const BotSchema = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  symbol: z.string(),
  interval: z.string(),
  strategy: z.string(),
  params: z.record(z.string(), z.unknown()).nullish(),
  sizing: SizingSchema,
  risk: RiskSchema.nullish(),
  replay: z.object({ from: z.string(), to: z.string() }).nullish(),
  status: BotStatus,
  position: z.object({
    quantity: z.string(),
    averageEntryPrice: z.string().nullish(),
    flat: z.boolean(),
    markPrice: z.string().nullish(),
  }),
  realizedPnl: z.string(),
  unrealizedPnl: z.string(),
  fees: z.string(),
  lastCandle: z.string().nullish(),
  lastError: z.string().nullish(),
  openOrders: z.number(),
  startedAt: z.string().nullish(),
  stoppedAt: z.string().nullish(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
});
export type Bot = z.infer<typeof BotSchema>;

export function getBot(id: string) {
  return call(api.GET('/api/bots/{id}', { params: { path: { id } } }), BotSchema);
}

/** How often an open bot page asks again: every change shows within this plus one answer. */
export const BOT_POLL_MS = 2000;

export const botQueryKey = (id: string) => ['bot', id] as const;

/** The bot, asked for again every 2 s while its page is open (running or not: a replay stops itself). */
export function useBot(id: string | undefined, poll = true) {
  return useQuery({
    queryKey: botQueryKey(id ?? ''),
    queryFn: () => getBot(id!),
    enabled: !!id,
    refetchInterval: poll ? BOT_POLL_MS : false,
  });
}
