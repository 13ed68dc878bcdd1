import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api-client';
import type { RiskInput } from '../components/bot-form';
import { BotSchema, botQueryKey } from './get-bot';
import { botsQueryKey } from './list-bots';

export type UpdateBotInput = {
  id: string;
  name?: string;
  params?: Record<string, unknown>;
  sizing?: { type: 'fixed' | 'percent'; value: string };
  risk?: RiskInput;
};

export function updateBot({ id, ...body }: UpdateBotInput) {
  return call(api.PATCH('/api/bots/{id}', { params: { path: { id } }, body: body }), BotSchema);
}

export function useUpdateBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBot,
    onSuccess: (bot) => {
      queryClient.setQueryData(botQueryKey(bot.id), bot);
      return queryClient.invalidateQueries({ queryKey: botsQueryKey });
    },
  });
}
