import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiUrl, getJson } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';

// Read by the market page (paging back in time) and the backtest result (its whole range), so it
// sits beside the features rather than in one of them.

export const CandleSchema = z.object({
  openTime: z.string(),
  open: z.string(),
  high: z.string(),
  low: z.string(),
  close: z.string(),
  volume: z.string(),
});
export type Candle = z.infer<typeof CandleSchema>;

export const CandlePageSchema = z.object({
  symbol: z.string(),
  interval: z.string(),
  candles: z.array(CandleSchema),
  next: z.string().nullish(),
});

export type CandleQuery = { symbol: string; interval: string; from?: string; to?: string; limit?: number };

export function getCandles(query: CandleQuery, signal?: AbortSignal) {
  return getJson(apiUrl('/api/market/candles', query), CandlePageSchema, signal);
}

export const PAGE = 1000;

/** The latest candles, then older pages as the user scrolls back (each page ends where the last began). */
export function useCandleHistory(symbol: string, interval: string) {
  return useInfiniteQuery({
    queryKey: ['candles', symbol, interval],
    enabled: symbol !== '' && interval !== '',
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => getCandles({ symbol, interval, limit: PAGE, ...(pageParam ? { to: pageParam } : {}) }, signal),
    getNextPageParam: (last) => (last.candles.length < PAGE ? undefined : last.candles[0]?.openTime),
  });
}

/** Every candle in [from, to), page after page. */
export async function getCandleRange(symbol: string, interval: string, from: string, to: string, signal?: AbortSignal) {
  const out: Candle[] = [];
  let cursor: string | null | undefined = from;
  while (cursor) {
    const page = await getCandles({ symbol, interval, from: cursor, to, limit: PAGE }, signal);
    out.push(...page.candles);
    cursor = page.candles.length === 0 ? null : page.next;
  }
  return out;
}

/** The first and the last stored candle of a pair (null when none), to suggest a range. */
export function useCandleBounds(symbol: string, interval: string) {
  return useQuery({
    queryKey: ['candle-bounds', symbol, interval],
    enabled: symbol.length >= 2 && interval !== '',
    queryFn: async ({ signal }) => {
      // A symbol never listed nor imported is a 400: nothing is stored.
      const none = (e: unknown) => {
        if (e instanceof ApiError && e.status === 400) return { symbol, interval, candles: [], next: null };
        throw e;
      };
      const [first, last] = await Promise.all([
        getCandles({ symbol, interval, from: '0', limit: 1 }, signal).catch(none),
        getCandles({ symbol, interval, limit: 1 }, signal).catch(none),
      ]);
      const a = first.candles[0];
      const b = last.candles[0];
      return a && b ? { first: a.openTime, last: b.openTime } : null;
    },
    retry: false,
  });
}
