import { dec, isDecimal } from '@/lib/decimal';
import { toUnixSeconds } from '@/lib/format';
import type { LinePoint } from '@/components/charts/line-chart';
import type { Equity } from '../api/get-equity';
import type { PortfolioAccount } from '../api/get-portfolio';

export const EQUITY_RANGES = [
  { value: '7d', label: '7 days', days: 7 },
  { value: '30d', label: '30 days', days: 30 },
  { value: '90d', label: '90 days', days: 90 },
  { value: '1y', label: '1 year', days: 365 },
  // Just inside the API's longest range, 1,096 days (its default is a week, so "all" must say how far back).
  { value: 'all', label: 'All', days: 1095 },
] as const;
export type EquityRange = (typeof EQUITY_RANGES)[number]['value'];

/** The `from` of an equity request for a range ending now. Whole minutes, so the query key holds still. */
export function rangeStart(range: EquityRange, now: Date): string {
  const days = EQUITY_RANGES.find((r) => r.value === range)?.days ?? 7;
  const start = new Date(now.getTime() - days * 86_400_000);
  start.setUTCSeconds(0, 0);
  return start.toISOString();
}

/** The curve as the chart draws it (numbers for drawing only), oldest first. */
export function equityLine(points: Equity['points']): LinePoint[] {
  return points
    .filter((p) => isDecimal(p.equityUsdt))
    .map((p) => ({ time: toUnixSeconds(p.time), value: Number(p.equityUsdt) }))
    .sort((a, b) => a.time - b.time);
}

/**
 * How the equity moved from the first point to the last, in decimals; null with fewer than two points.
 * Points within one second count as the last of them, as the chart draws them (its times are whole
 * seconds): the figure above the chart starts where the line does.
 */
export function equityChange(points: Equity['points']): { first: string; last: string; change: string; ratio: string | null } | null {
  const sorted = [...points].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const firstSecond = sorted.length > 0 ? toUnixSeconds(sorted[0]!.time) : 0;
  const opening = sorted.filter((p) => toUnixSeconds(p.time) === firstSecond);
  if (sorted.length - opening.length < 1) return null;
  const first = dec(opening[opening.length - 1]!.equityUsdt);
  const last = dec(sorted[sorted.length - 1]!.equityUsdt);
  const change = last.minus(first);
  return { first: first.toFixed(), last: last.toFixed(), change: change.toFixed(), ratio: first.isZero() ? null : change.div(first).toFixed() };
}

export type QuotePnl = { quote: string; realised: string; unrealised: string; total: string };

/**
 * The bots' PnL summed per quote asset: a USDT bot's PnL and a BTC bot's are not added together
 * (the portfolio's totals, valued in USDT by the server, are the sum across assets).
 */
export function pnlByQuote(bots: PortfolioAccount['bots']): QuotePnl[] {
  const sums = new Map<string, { realised: ReturnType<typeof dec>; unrealised: ReturnType<typeof dec> }>();
  for (const bot of bots) {
    const sum = sums.get(bot.quoteAsset) ?? { realised: dec(0), unrealised: dec(0) };
    sums.set(bot.quoteAsset, { realised: sum.realised.plus(bot.realisedPnl), unrealised: sum.unrealised.plus(bot.unrealisedPnl) });
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([quote, s]) => ({ quote, realised: s.realised.toFixed(), unrealised: s.unrealised.toFixed(), total: s.realised.plus(s.unrealised).toFixed() }));
}

export type BalanceRow = PortfolioAccount['balances'][number] & { total: string; share: string | null };

/**
 * An account's balances worth showing (an asset at exactly zero is not), the most valuable first and
 * the unpriced ones last, each with its share of the account's value (4 places: it is read as a percentage).
 */
export function balanceRows(account: PortfolioAccount): BalanceRow[] {
  const value = account.valueUsdt === null ? null : dec(account.valueUsdt);
  return account.balances
    .map((b) => ({
      ...b,
      total: dec(b.free).plus(b.locked).toFixed(),
      share: b.valueUsdt === null || value === null || value.isZero() ? null : dec(b.valueUsdt).div(value).toDecimalPlaces(4).toFixed(),
    }))
    .filter((b) => !dec(b.total).isZero())
    .sort((a, b) => {
      if (a.valueUsdt === null || b.valueUsdt === null) {
        return a.valueUsdt === b.valueUsdt ? a.asset.localeCompare(b.asset) : a.valueUsdt === null ? 1 : -1;
      }
      return dec(b.valueUsdt).comparedTo(a.valueUsdt) || a.asset.localeCompare(b.asset);
    });
}

/** Bots of the portfolio that are running, across accounts. */
export function runningBots(accounts: readonly PortfolioAccount[]): number {
  return accounts.reduce((n, a) => n + a.bots.filter((b) => b.status === 'running').length, 0);
}
