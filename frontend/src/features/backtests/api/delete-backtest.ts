import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, callVoid } from '@/lib/api-client';
import { backtestsQuery } from './list-backtests';

export function deleteBacktest(id: string) {
  return callVoid(api.DELETE('/api/backtests/{id}', { params: { path: { id } } }));
}

export function useDeleteBacktest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBacktest,
    onSuccess: (_d, id) => {
      queryClient.removeQueries({ queryKey: ['backtest', id] });
      return queryClient.invalidateQueries({ queryKey: backtestsQuery.queryKey });
    },
  });
}
