import { z } from 'zod';

// The metrics of a backtest or of an optimisation run: the same record in both answers.
export const MetricsSchema = z.object({
  totalReturn: z.string().nullish(),
  cagr: z.string().nullish(),
  maxDrawdown: z.string().nullish(),
  sharpe: z.string().nullish(),
  sortino: z.string().nullish(),
  winRate: z.string().nullish(),
  profitFactor: z.string().nullish(),
  exposure: z.string().nullish(),
  tradeCount: z.number().nullish(),
  buyAndHoldReturn: z.string().nullish(),
});
export type Metrics = z.infer<typeof MetricsSchema>;

export const SizingSchema = z.object({ type: z.enum(['fixed', 'percent']), value: z.string() });
