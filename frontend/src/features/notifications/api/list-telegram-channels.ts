import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const TelegramChannelSchema = z.object({
  id: z.string(),
  chatId: z.string(),
  botTokenHint: z.string().nullish(),
  events: z.array(z.string()),
  createdAt: z.string(),
});
export type TelegramChannel = z.infer<typeof TelegramChannelSchema>;

export function listTelegramChannels() {
  return call(api.GET('/api/notifications/telegram'), z.object({ channels: z.array(TelegramChannelSchema) })).then((r) => r.channels);
}

export const telegramQueryKey = ['telegram-channels'] as const;

export function useTelegramChannels() {
  return useQuery({ queryKey: telegramQueryKey, queryFn: listTelegramChannels });
}
