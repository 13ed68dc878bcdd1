import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

export function listWebhooks() {
  return call(api.GET('/api/webhooks'), z.object({ webhooks: z.array(WebhookSchema) })).then((r) => r.webhooks);
}

export const webhooksQueryKey = ['webhooks'] as const;

export function useWebhooks() {
  return useQuery({ queryKey: webhooksQueryKey, queryFn: listWebhooks });
}
