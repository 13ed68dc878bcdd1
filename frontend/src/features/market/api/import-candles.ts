import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiUrl, upload } from '@/lib/api-client';

export const ImportResultSchema = z.object({
  symbol: z.string(),
  interval: z.string(),
  rows: z.number(),
  imported: z.number(),
  alreadyStored: z.number(),
  supersededByExchange: z.number(),
  first: z.string().nullish(),
  last: z.string().nullish(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export type ImportInput = { symbol: string; interval: string; file: File; onProgress: (fraction: number) => void };

export function importCandles({ symbol, interval, file, onProgress }: ImportInput) {
  return upload(apiUrl('/api/market/candles/import', { symbol, interval }), file, 'text/csv', ImportResultSchema, onProgress);
}

export function useImportCandles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importCandles,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['candles', result.symbol, result.interval] });
      void queryClient.invalidateQueries({ queryKey: ['symbols'] });
    },
  });
}
