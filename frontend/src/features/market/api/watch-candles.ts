import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api-client';
import { WatchSchema, watchesQuery } from './list-watches';

export function watchCandles(body: { symbol: string; interval: string }) {
  return call(api.POST('/api/market/watches', { body }), WatchSchema);
}

export function useWatchCandles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: watchCandles,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: watchesQuery.queryKey }),
  });
}
