import { useMutation, useQueryClient } from '@tanstack/react-query';
import { strategiesQueryKey } from '@/api/list-strategies';
import { api, callVoid } from '@/lib/api-client';

/** Refused (409) while a bot uses the strategy. */
export function deleteStrategy(id: string) {
  return callVoid(api.DELETE('/api/strategies/{id}', { params: { path: { id } } }));
}

export function useDeleteStrategy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteStrategy,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: strategiesQueryKey }),
  });
}
