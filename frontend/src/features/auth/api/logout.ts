import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, callVoid } from '@/lib/api-client';
import { endSession } from '@/lib/session';

export async function logout() {
  await callVoid(api.POST('/api/auth/logout', {}));
}

/** Revokes the token on the server; the session ends here whatever the server answers. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      endSession();
      queryClient.clear();
    },
  });
}
