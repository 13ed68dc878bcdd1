import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api-client';
import { AccountSchema, accountsQuery } from '@/api/list-accounts';

export type UpdateAccountInput = { id: string; name?: string; apiKey?: string; apiSecret?: string; dailyLossLimitQuote?: string };

export function updateAccount({ id, ...body }: UpdateAccountInput) {
  return call(api.PATCH('/api/accounts/{id}', { params: { path: { id } }, body }), AccountSchema);
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQuery.queryKey }),
  });
}
