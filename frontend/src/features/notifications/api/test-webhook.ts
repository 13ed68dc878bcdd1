import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';
import { deliveriesQueryKey } from './list-webhook-deliveries';

/** Queues a webhook.test delivery to this webhook alone; its outcome shows in the deliveries. */
export function testWebhook(id: string) {
  return call(api.POST('/api/webhooks/{id}/test', { params: { path: { id } } }), z.object({ deliveryId: z.string() }));
}

export function useTestWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testWebhook,
    onSuccess: (_, id) => queryClient.invalidateQueries({ queryKey: deliveriesQueryKey(id) }),
  });
}
