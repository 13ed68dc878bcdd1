import { useMutation, useQueryClient } from '@tanstack/react-query';
import { strategiesQueryKey } from '@/api/list-strategies';
import { api, call } from '@/lib/api-client';
import { strategyQueryKey, UserStrategySchema } from './get-strategy';

/** A new version: runs that started keep theirs. */
export function updateStrategy({ id, ...body }: { id: string; name: string; source: string }) {
  return call(api.PUT('/api/strategies/{id}', { params: { path: { id } }, body }), UserStrategySchema);
}

export function useUpdateStrategy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStrategy,
    onSuccess: (saved) => {
      queryClient.setQueryData(strategyQueryKey(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: strategiesQueryKey });
    },
  });
}
