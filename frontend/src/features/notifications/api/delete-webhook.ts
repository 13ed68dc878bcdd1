import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, callVoid } from '@/lib/api-client';
import { webhooksQueryKey } from './list-webhooks';

export function deleteWebhook(id: string) {
  return callVoid(api.DELETE('/api/webhooks/{id}', { params: { path: { id } } }));
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}
