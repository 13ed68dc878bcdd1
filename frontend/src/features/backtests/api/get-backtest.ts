import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { MetricsSchema, SizingSchema } from '@/api/metrics';
import { api, call } from '@/lib/api-client';
import { BacktestStatus } from './list-backtests';

export const TradeSchema = z.object({
  entryTime: z.string(),
  entryPrice: z.string(),
  exitTime: z.string().nullish(),
  exitPrice: z.string().nullish(),
  quantity: z.string(),
  fee: z.string(),
  pnl: z.string().nullish(),
  exitReason: z.string().nullish(),
});
export type Trade = z.infer<typeof TradeSchema>;

export const BacktestRequestSchema = z.object({
  symbol: z.string(),
  interval: z.string(),
  strategy: z.string(),
  params: z.record(z.string(), z.unknown()).nullish(),
  from: z.string(),
  to: z.string(),
  startingBalance: z.string(),
  feeBps: z.string(),
  makerFeeBps: z.string().nullish(),
  slippageBps: z.string(),
  sizing: SizingSchema,
});

/** A candle where a user strategy's deciding rule was undefined: nothing was traded on it. */
export const UndefinedCandleSchema = z.object({
  time: z.string(),
  rule: z.string(),
  expression: z.string(),
  line: z.number(),
  column: z.number(),
  reason: z.string(),
});
export type UndefinedCandle = z.infer<typeof UndefinedCandleSchema>;

export const BacktestSchema = z.object({
  id: z.string(),
  status: BacktestStatus,
  progress: z.number(),
  error: z.string().nullish(),
  request: BacktestRequestSchema,
  createdAt: z.string(),
  startedAt: z.string().nullish(),
  finishedAt: z.string().nullish(),
  result: z.object({
    metrics: MetricsSchema,
    trades: z.array(TradeSchema),
    tradesOmitted: z.number().nullish(),
    equityCurve: z.array(z.object({ time: z.string(), equity: z.string() })),
    candles: z.number().nullish(),
    finalEquity: z.string().nullish(),
    skippedBuys: z.number().nullish(),
    undefinedCandles: z.number().nullish(),
    firstUndefined: z.array(UndefinedCandleSchema).nullish(),
  }).nullish(),
});
export type Backtest = z.infer<typeof BacktestSchema>;

export function getBacktest(id: string) {
  return call(api.GET('/api/backtests/{id}', { params: { path: { id } } }), BacktestSchema);
}

export function isActive(status: string) {
  return status === 'queued' || status === 'running';
}

/** Polls twice a second while the backtest is queued or running. */
export function useBacktest(id: string | undefined) {
  return useQuery({
    queryKey: ['backtest', id],
    queryFn: () => getBacktest(id!),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 500 : false),
    staleTime: (q) => (q.state.data && !isActive(q.state.data.status) ? Infinity : 0),
  });
}
