import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, callVoid } from '@/lib/api-client';
import { telegramQueryKey } from './list-telegram-channels';

export function deleteTelegramChannel(id: string) {
  return callVoid(api.DELETE('/api/notifications/telegram/{id}', { params: { path: { id } } }));
}

export function useDeleteTelegramChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTelegramChannel,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: telegramQueryKey }),
  });
}
