import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

const SymbolsSchema = z.object({
  symbols: z.array(z.object({
    symbol: z.string(),
    baseAsset: z.string().nullish(),
    quoteAsset: z.string().nullish(),
    status: z.string().nullish(),
    source: z.string().nullish(),
  })),
});

export function listSymbols() {
  return call(api.GET('/api/market/symbols'), SymbolsSchema).then((s) => s.symbols);
}

export function useSymbols() {
  return useQuery({ queryKey: ['symbols'], queryFn: listSymbols, staleTime: 5 * 60_000 });
}

/** Binance's interval codes, the only ones the API reads. */
export const INTERVALS = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'] as const;
