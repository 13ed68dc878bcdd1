import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, callVoid } from '@/lib/api-client';
import { watchesQuery } from './list-watches';

export function unwatchCandles(id: string) {
  return callVoid(api.DELETE('/api/market/watches/{id}', { params: { path: { id } } }));
}

export function useUnwatchCandles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unwatchCandles,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: watchesQuery.queryKey }),
  });
}
