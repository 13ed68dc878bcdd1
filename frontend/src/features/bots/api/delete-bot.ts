import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, callVoid } from '@/lib/api-client';
import { botQueryKey } from './get-bot';
import { botsQueryKey } from './list-bots';

export function deleteBot(id: string) {
  return callVoid(api.DELETE('/api/bots/{id}', { params: { path: { id } } }));
}

export function useDeleteBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBot,
    onSuccess: (_d, id) => {
      queryClient.removeQueries({ queryKey: botQueryKey(id) });
      return queryClient.invalidateQueries({ queryKey: botsQueryKey });
    },
  });
}
