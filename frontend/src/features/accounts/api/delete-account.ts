import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, callVoid } from '@/lib/api-client';
import { accountsQuery } from '@/api/list-accounts';

export function deleteAccount(id: string) {
  return callVoid(api.DELETE('/api/accounts/{id}', { params: { path: { id } } }));
}

export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQuery.queryKey }),
  });
}
