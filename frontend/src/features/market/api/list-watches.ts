import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const WatchSchema = z.object({ id: z.string(), symbol: z.string(), interval: z.string(), createdAt: z.string() });

export function listWatches() {
  return call(api.GET('/api/market/watches'), z.object({ watches: z.array(WatchSchema) })).then((w) => w.watches);
}

export const watchesQuery = queryOptions({ queryKey: ['watches'], queryFn: listWatches });

export function useWatches() {
  return useQuery(watchesQuery);
}
