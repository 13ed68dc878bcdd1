import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

const Money = z.string();

export const PortfolioSchema = z.object({
  asOf: z.string(),
  totals: z.object({ valueUsdt: Money.nullable(), realisedPnl: Money, unrealisedPnl: Money }),
  accounts: z.array(z.object({
    accountId: z.string(),
    name: z.string(),
    venue: z.string(),
    valueUsdt: Money.nullable(),
    unpriced: z.array(z.string()),
    balances: z.array(z.object({
      asset: z.string(), free: Money, locked: Money, priceUsdt: Money.nullable(), valueUsdt: Money.nullable(),
    })),
    bots: z.array(z.object({
      botId: z.string(), name: z.string(), symbol: z.string(), status: z.string(), quoteAsset: z.string(),
      position: Money, avgEntryPrice: Money.nullable(), lastPrice: Money.nullable(),
      realisedPnl: Money, unrealisedPnl: Money,
    })),
  })),
});
export type Portfolio = z.infer<typeof PortfolioSchema>;
export type PortfolioAccount = Portfolio['accounts'][number];

export function getPortfolio() {
  return call(api.GET('/api/portfolio'), PortfolioSchema);
}

export const portfolioQueryKey = ['portfolio'] as const;

/** The user's accounts valued in USDT, with their bots; asked again every 10 s while the page is open. */
export function usePortfolio() {
  return useQuery({ queryKey: portfolioQueryKey, queryFn: getPortfolio, refetchInterval: 10_000 });
}
