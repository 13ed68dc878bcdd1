import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api-client';
import { BotSchema, botQueryKey } from './get-bot';
import { botsQueryKey } from './list-bots';

export function startBot(id: string) {
  return call(api.POST('/api/bots/{id}/start', { params: { path: { id } } }), BotSchema);
}

export function useStartBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startBot,
    onSuccess: (bot) => {
      queryClient.setQueryData(botQueryKey(bot.id), bot);
      return queryClient.invalidateQueries({ queryKey: botsQueryKey });
    },
  });
}
