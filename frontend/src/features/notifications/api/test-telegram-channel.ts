import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const TelegramTestSchema = z.object({
  delivered: z.boolean(),
  statusCode: z.number().int().nullish(),
  error: z.string().nullish(),
});
export type TelegramTest = z.infer<typeof TelegramTestSchema>;

/** Sends a test message to the channel now (nothing queued): the answer says how Telegram took it. */
export function testTelegramChannel(id: string) {
  return call(api.POST('/api/notifications/telegram/{id}/test', { params: { path: { id } } }), TelegramTestSchema);
}

export function useTestTelegramChannel() {
  return useMutation({ mutationFn: testTelegramChannel });
}
