import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api-client';
import { AccountSchema, accountsQuery } from '@/api/list-accounts';

export type CreateAccountInput =
  | { name: string; kind: 'paper'; balances: Record<string, string> }
  | { name: string; kind: 'binance' | 'binance-testnet'; apiKey: string; apiSecret: string };

export function createAccount(input: CreateAccountInput) {
  return call(api.POST('/api/accounts', { body: input }), AccountSchema);
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQuery.queryKey }),
  });
}
