import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api-client';
import { TelegramChannelSchema, telegramQueryKey } from './list-telegram-channels';

export function createTelegramChannel(body: { botToken: string; chatId: string; events: string[] }) {
  return call(api.POST('/api/notifications/telegram', { body }), TelegramChannelSchema);
}

export function useCreateTelegramChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTelegramChannel,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: telegramQueryKey }),
  });
}
