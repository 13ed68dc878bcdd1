import { useQueries } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

// The API sends the status in lower case (the OpenAPI document lists the enum's upper-case names).
export const DeliveryStatus = z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v),
  z.enum(['pending', 'sending', 'retrying', 'succeeded', 'failed']));

export const DeliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  status: DeliveryStatus,
  attempts: z.number(),
  lastStatusCode: z.number().nullish(),
  lastError: z.string().nullish(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullish(),
  finishedAt: z.string().nullish(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** The webhook's last 50 deliveries, newest first. */
export function listWebhookDeliveries(id: string) {
  return call(api.GET('/api/webhooks/{id}/deliveries', { params: { path: { id } } }),
    z.object({ deliveries: z.array(DeliverySchema) })).then((r) => r.deliveries);
}

export const deliveriesQueryKey = (id: string) => ['webhooks', id, 'deliveries'] as const;

const settled = (d: Delivery) => d.status === 'succeeded' || d.status === 'failed';

/** The deliveries of each webhook; asked again every 3 s while one of them is still on its way. */
export function useWebhookDeliveries(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: deliveriesQueryKey(id),
      queryFn: () => listWebhookDeliveries(id),
      refetchInterval: (query: { state: { data?: Delivery[] | undefined } }) =>
        (query.state.data ?? []).every(settled) ? 30_000 : 3_000,
    })),
  });
}
