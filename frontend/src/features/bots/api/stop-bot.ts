import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api-client';
import { BotSchema, botQueryKey } from './get-bot';
import { botsQueryKey } from './list-bots';

export type StopBotInput = { id: string; cancelOrders: boolean; flatten: boolean };

export function stopBot({ id, cancelOrders, flatten }: StopBotInput) {
  return call(api.POST('/api/bots/{id}/stop', { params: { path: { id } }, body: { cancelOrders, flatten } }), BotSchema);
}

export function useStopBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: stopBot,
    onSuccess: (bot) => {
      queryClient.setQueryData(botQueryKey(bot.id), bot);
      return queryClient.invalidateQueries({ queryKey: botsQueryKey });
    },
  });
}
