import { useMutation, useQueryClient } from '@tanstack/react-query';
import { strategiesQueryKey } from '@/api/list-strategies';
import { api, call } from '@/lib/api-client';
import { strategyQueryKey, UserStrategySchema } from './get-strategy';

export function createStrategy(body: { name: string; source: string }) {
  return call(api.POST('/api/strategies', { body }), UserStrategySchema);
}

export function useCreateStrategy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStrategy,
    onSuccess: (saved) => {
      queryClient.setQueryData(strategyQueryKey(saved.id), saved);
      // Every strategy picker (backtests, optimisations, bots) offers it from now on.
      return queryClient.invalidateQueries({ queryKey: strategiesQueryKey });
    },
  });
}
