import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const AccountTestSchema = z.object({
  ok: z.boolean(),
  canTrade: z.boolean().nullish(),
  canWithdraw: z.boolean().nullish(),
  warnings: z.array(z.string()).nullish(),
  error: z.object({ code: z.number().nullish(), message: z.string().nullish() }).nullish(),
  balances: z.array(z.object({ asset: z.string(), free: z.string(), locked: z.string() })).nullish(),
});
export type AccountTest = z.infer<typeof AccountTestSchema>;

export function testAccount(id: string) {
  return call(api.POST('/api/accounts/{id}/test', { params: { path: { id } } }), AccountTestSchema);
}

export function useTestAccount() {
  return useMutation({ mutationFn: testAccount });
}
