import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';

export const StopAllResultSchema = z.object({
  bots: z.array(z.object({
    botId: z.string(),
    name: z.string(),
    stopped: z.boolean(),
    cancelledOrders: z.number(),
    flattenOrderId: z.string().nullable(),
    error: z.string().nullable(),
  })),
});
export type StopAllResult = z.infer<typeof StopAllResultSchema>;

/** The kill switch: every running bot of the user stops; with flatten each sells its position at market. */
export function stopAllBots(flatten: boolean) {
  return call(api.POST('/api/bots/stop-all', { body: { flatten } }), StopAllResultSchema);
}

export function useStopAllBots() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: stopAllBots,
    // Bots, their pages and the portfolio all change.
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: ['bots'] }),
      queryClient.invalidateQueries({ queryKey: ['bot'] }),
      queryClient.invalidateQueries({ queryKey: ['portfolio'] }),
    ]),
  });
}
