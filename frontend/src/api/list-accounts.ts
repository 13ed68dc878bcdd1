import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['paper', 'binance', 'binance-testnet']),
  apiKeyHint: z.string().nullish(),
  dailyLossLimitQuote: z.string().nullish(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

const AccountListSchema = z.object({ accounts: z.array(AccountSchema) });

export function listAccounts() {
  return call(api.GET('/api/accounts'), AccountListSchema).then((list) => list.accounts);
}

export const accountsQuery = queryOptions({ queryKey: ['accounts'], queryFn: listAccounts });

export function useAccounts() {
  return useQuery(accountsQuery);
}
