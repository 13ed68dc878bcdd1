import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';
import { WebhookSchema, webhooksQueryKey } from './list-webhooks';

/** The answer to a create: the only time the signing secret is shown. */
export const CreatedWebhookSchema = WebhookSchema.extend({ secret: z.string() });
export type CreatedWebhook = z.infer<typeof CreatedWebhookSchema>;

export function createWebhook(body: { url: string; events: string[] }) {
  return call(api.POST('/api/webhooks', { body }), CreatedWebhookSchema);
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}
