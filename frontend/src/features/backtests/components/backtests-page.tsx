import { ActionIcon, Alert, Button, Card, Checkbox, Group, Modal, Progress, ScrollArea, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatMetric, metricTone } from '@/components/metrics-grid';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { StatusBadge } from '@/components/status-badge';
import { describeError } from '@/lib/api-error';
import { formatDate, formatDateTime } from '@/lib/format';
import { useDeleteBacktest } from '../api/delete-backtest';
import { useBacktests, type BacktestSummary } from '../api/list-backtests';

export default function BacktestsPage() {
  const backtests = useBacktests();
  const remove = useDeleteBacktest();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [picked, setPicked] = useState<string[]>(() => (search.get('compare') ? [search.get('compare')!] : []));
  const [deleting, setDeleting] = useState<BacktestSummary | null>(null);

  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>Backtests</Title>
          <Text size="sm" c="dimmed">Tick two finished runs to compare them side by side.</Text>
        </div>
        <Group gap="xs">
          <Button variant="default" disabled={picked.length !== 2}
            onClick={() => navigate(`/backtests/compare?a=${picked[0]}&b=${picked[1]}`)}>
            Compare {picked.length}/2
          </Button>
          <Button component={Link} to="/backtests/new">New backtest</Button>
        </Group>
      </Group>
      {backtests.isPending ? <PageLoader /> : backtests.isError ? (
        <QueryError what="your backtests" error={backtests.error} onRetry={() => backtests.refetch()} />
      ) : backtests.data.length === 0 ? (
        <Card withBorder p="xl">
          <Stack align="center" gap="xs">
            <Text fw={500}>No backtests yet</Text>
            <Text size="sm" c="dimmed">Import candles on the Market page, then run a strategy over them.</Text>
            <Button mt="xs" component={Link} to="/backtests/new">Run a backtest</Button>
          </Stack>
        </Card>
      ) : (
        <Card withBorder p={0}>
          <ScrollArea>
            <Table highlightOnHover verticalSpacing="xs" miw={980} className="tb-nowrap">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}><VisuallyHidden>Compare</VisuallyHidden></Table.Th>
                  <Table.Th>Strategy</Table.Th><Table.Th>Pair</Table.Th><Table.Th>Period</Table.Th><Table.Th>Status</Table.Th>
                  <Table.Th className="tb-num">Return</Table.Th><Table.Th className="tb-num">Buy & hold</Table.Th>
                  <Table.Th className="tb-num">Max DD</Table.Th><Table.Th className="tb-num">Sharpe</Table.Th>
                  <Table.Th className="tb-num">Trades</Table.Th><Table.Th>Created</Table.Th><Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {backtests.data.map((b) => {
                  const m = b.metrics;
                  return (
                    <Table.Tr key={b.id}>
                      <Table.Td>
                        <Checkbox aria-label={`Compare ${b.strategy} ${b.symbol} from ${formatDate(b.from)}`}
                          checked={picked.includes(b.id)} onChange={() => toggle(b.id)} disabled={b.status !== 'succeeded'} />
                      </Table.Td>
                      <Table.Td><Link to={`/backtests/${b.id}`} style={{ color: 'var(--mantine-color-teal-4)', fontWeight: 500 }}>{b.strategy}</Link></Table.Td>
                      <Table.Td>{b.symbol} {b.interval}</Table.Td>
                      <Table.Td c="dimmed">{formatDate(b.from)} → {formatDate(b.to)}</Table.Td>
                      <Table.Td>
                        {b.status === 'running' ? <Progress value={b.progress} w={90} aria-label={`Progress of ${b.strategy}`} /> : <StatusBadge status={b.status} />}
                      </Table.Td>
                      <Table.Td className={`tb-num ${metricTone('totalReturn', m?.totalReturn) ?? ''}`}>{formatMetric('totalReturn', m?.totalReturn)}</Table.Td>
                      <Table.Td className="tb-num">{formatMetric('buyAndHoldReturn', m?.buyAndHoldReturn)}</Table.Td>
                      <Table.Td className="tb-num">{formatMetric('maxDrawdown', m?.maxDrawdown)}</Table.Td>
                      <Table.Td className="tb-num">{formatMetric('sharpe', m?.sharpe)}</Table.Td>
                      <Table.Td className="tb-num">{m?.tradeCount ?? '—'}</Table.Td>
                      <Table.Td c="dimmed">{formatDateTime(b.createdAt)}</Table.Td>
                      <Table.Td>
                        <ActionIcon variant="subtle" color="red" aria-label={`Delete ${b.strategy} ${b.symbol} backtest`} onClick={() => setDeleting(b)}>×</ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Card>
      )}
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete backtest?">
        <Stack>
          <Text size="sm">{deleting?.strategy} on {deleting?.symbol} {deleting?.interval}: the run and its results are removed.</Text>
          {remove.isError && <Alert color="red" role="alert">{describeError(remove.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>Keep it</Button>
            <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate(deleting.id, {
              onSuccess: () => { setPicked((p) => p.filter((x) => x !== deleting.id)); setDeleting(null); },
            })}>Delete</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
