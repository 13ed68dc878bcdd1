import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, callVoid } from '@/lib/api-client';

export function cancelBacktest(id: string) {
  return callVoid(api.POST('/api/backtests/{id}/cancel', { params: { path: { id } } }));
}

export function useCancelBacktest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelBacktest,
    onSettled: (_d, _e, id) => queryClient.invalidateQueries({ queryKey: ['backtest', id] }),
  });
}
