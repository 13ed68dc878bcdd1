import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api-client';
import type { RiskInput } from '../components/bot-form';
import { BotSchema } from './get-bot';
import { botsQueryKey } from './list-bots';

export type CreateBotInput = {
  name: string;
  accountId: string;
  symbol: string;
  interval: string;
  strategy: string;
  params: Record<string, unknown>;
  sizing: { type: 'fixed' | 'percent'; value: string };
  risk?: RiskInput;
  replay?: { from: string; to: string };
};

export function createBot(body: CreateBotInput) {
  return call(api.POST('/api/bots', { body }), BotSchema);
}

export function useCreateBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBot,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: botsQueryKey }),
  });
}
