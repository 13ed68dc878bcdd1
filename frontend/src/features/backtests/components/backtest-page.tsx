import { Alert, Badge, Button, Card, Group, Modal, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { MetricsGrid } from '@/components/metrics-grid';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { StatusBadge } from '@/components/status-badge';
import { describeError } from '@/lib/api-error';
import { botLinkFromBacktest } from '@/lib/bot-link';
import { formatDecimal } from '@/lib/decimal';
import { formatDate, formatDateTime } from '@/lib/format';
import { useCancelBacktest } from '../api/cancel-backtest';
import { useDeleteBacktest } from '../api/delete-backtest';
import { isActive, useBacktest, type Backtest } from '../api/get-backtest';
import { ResultCharts } from './result-charts';
import { TradesTable } from './trades-table';
import { UndefinedCandles } from './undefined-candles';

export default function BacktestPage() {
  const { id } = useParams();
  const backtest = useBacktest(id);
  if (backtest.isPending) return <PageLoader />;
  if (backtest.isError) return <QueryError what="the backtest" error={backtest.error} onRetry={() => backtest.refetch()} />;
  return <BacktestView backtest={backtest.data} />;
}

function BacktestView({ backtest }: { backtest: Backtest }) {
  const navigate = useNavigate();
  const cancel = useCancelBacktest();
  const remove = useDeleteBacktest();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { request, result } = backtest;
  const active = isActive(backtest.status);
  const params = Object.entries(request.params ?? {});

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{request.strategy} · {request.symbol} {request.interval}</Title>
            <StatusBadge status={backtest.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {formatDate(request.from)} → {formatDate(request.to)} · starting balance {formatDecimal(request.startingBalance)} ·
            fee {request.feeBps} bps · slippage {request.slippageBps} bps · size {request.sizing.value}
            {request.sizing.type === 'percent' ? ' % of equity' : ' per entry'}
          </Text>
          {params.length > 0 && (
            <Group gap={6}>
              {params.map(([k, v]) => <Badge key={k} variant="outline" color="gray" tt="none">{k} = {String(v)}</Badge>)}
            </Group>
          )}
        </Stack>
        <Group gap="xs">
          {active && (
            <Button color="yellow" variant="light" loading={cancel.isPending}
              onClick={() => cancel.mutate(backtest.id, { onError: (e) => notifications.show({ color: 'red', message: describeError(e) }) })}>
              Cancel run
            </Button>
          )}
          <Button variant="default" component={Link}
            to={`/backtests/new?strategy=${request.strategy}&symbol=${request.symbol}&interval=${request.interval}`}>
            New with this strategy
          </Button>
          <Button variant="default" component={Link} to={`/backtests?compare=${backtest.id}`}>Compare…</Button>
          {backtest.status === 'succeeded' && (
            <Button component={Link} to={botLinkFromBacktest(request)}>Create a bot from this backtest</Button>
          )}
          <Button color="red" variant="subtle" onClick={() => setConfirmDelete(true)}>Delete</Button>
        </Group>
      </Group>

      {active && (
        <Card withBorder>
          <Text size="sm" mb={6}>
            {backtest.status === 'queued' ? 'Queued: waiting for a worker…' : `Running: ${backtest.progress} % of the candles simulated`}
          </Text>
          <Progress value={backtest.status === 'queued' ? 100 : backtest.progress} animated={backtest.status === 'queued'}
            striped size="lg" aria-label="Backtest progress" color={backtest.status === 'queued' ? 'gray' : 'teal'} />
        </Card>
      )}
      {backtest.status === 'failed' && <Alert color="red" title="The backtest failed" role="alert">{backtest.error ?? 'No reason given.'}</Alert>}
      {backtest.status === 'cancelled' && <Alert color="yellow" title="Cancelled">This run was cancelled before it finished.</Alert>}

      {result && (
        <>
          <MetricsGrid metrics={result.metrics} extra={[
            { label: 'Final equity', value: formatDecimal(result.finalEquity, 2) },
            { label: 'Candles', value: (result.candles ?? 0).toLocaleString('en') },
          ]} />
          {(result.skippedBuys ?? 0) > 0 && (
            <Text size="xs" c="dimmed">{result.skippedBuys} buy signals were skipped for lack of cash.</Text>
          )}
          <UndefinedCandles count={result.undefinedCandles ?? 0} first={result.firstUndefined ?? []} />
          <ResultCharts backtest={backtest} />
          <Card withBorder>
            <Title order={3} size="h5" mb="xs">Trades</Title>
            <TradesTable trades={result.trades} omitted={result.tradesOmitted ?? 0} />
          </Card>
          <Text size="xs" c="dimmed">
            Created {formatDateTime(backtest.createdAt)}{backtest.finishedAt && ` · finished ${formatDateTime(backtest.finishedAt)}`}
          </Text>
        </>
      )}

      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete backtest?">
        <Stack>
          <Text size="sm">The run and its results are removed. This cannot be undone.</Text>
          {remove.isError && <Text c="red.4" size="sm" role="alert">{describeError(remove.error)}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>Keep it</Button>
            <Button color="red" loading={remove.isPending}
              onClick={() => remove.mutate(backtest.id, { onSuccess: () => navigate('/backtests') })}>Delete</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
