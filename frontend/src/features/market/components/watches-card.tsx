import { ActionIcon, Button, Card, Group, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { QueryError } from '@/components/query-error';
import { describeError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { useWatches } from '../api/list-watches';
import { useUnwatchCandles } from '../api/unwatch-candles';
import { useWatchCandles } from '../api/watch-candles';

/** The pairs kept up to date from the exchange every minute. */
export function WatchesCard({ symbol, interval, onPick }: { symbol: string; interval: string; onPick: (symbol: string, interval: string) => void }) {
  const watches = useWatches();
  const watch = useWatchCandles();
  const unwatch = useUnwatchCandles();
  const watching = watches.data?.some((w) => w.symbol === symbol && w.interval === interval) ?? false;

  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">Watches</Title>
        <Tooltip label="Fetch new candles of this pair from the exchange every minute">
          <Button size="xs" variant="light" disabled={!symbol || watching} loading={watch.isPending}
            onClick={() => watch.mutate({ symbol, interval }, {
              onError: (e) => notifications.show({ color: 'red', title: `Cannot watch ${symbol} ${interval}`, message: describeError(e) }),
            })}>
            {watching ? 'Watching' : `Watch ${symbol} ${interval}`}
          </Button>
        </Tooltip>
      </Group>
      {watches.isError ? <QueryError what="watches" error={watches.error} onRetry={() => watches.refetch()} /> :
        (watches.data?.length ?? 0) === 0 ? (
          <Text size="sm" c="dimmed">No pair is watched.</Text>
        ) : (
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr><Table.Th>Pair</Table.Th><Table.Th>Since</Table.Th><Table.Th /></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {watches.data?.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" onClick={() => onPick(w.symbol, w.interval)}>{w.symbol} {w.interval}</Button>
                  </Table.Td>
                  <Table.Td c="dimmed">{formatDateTime(w.createdAt)}</Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`Stop watching ${w.symbol} ${w.interval}`}
                      onClick={() => unwatch.mutate(w.id)}>×</ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
    </Card>
  );
}
