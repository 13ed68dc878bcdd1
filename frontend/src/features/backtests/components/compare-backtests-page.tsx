import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LineChart, type Line } from '@/components/charts/line-chart';
import { formatMetric, metricTone, METRIC_LABELS } from '@/components/metrics-grid';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { formatDecimal } from '@/lib/decimal';
import { formatDate, toUnixSeconds } from '@/lib/format';
import { useBacktest, type Backtest } from '../api/get-backtest';

const COLORS = ['#12b886', '#4dabf7'];

export default function CompareBacktestsPage() {
  const [search] = useSearchParams();
  const a = useBacktest(search.get('a') ?? undefined);
  const b = useBacktest(search.get('b') ?? undefined);
  if (a.isPending || b.isPending) return <PageLoader />;
  if (a.isError) return <QueryError what="the first backtest" error={a.error} onRetry={() => a.refetch()} />;
  if (b.isError) return <QueryError what="the second backtest" error={b.error} onRetry={() => b.refetch()} />;
  return <Comparison runs={[a.data, b.data]} />;
}

function title(b: Backtest) {
  return `${b.request.strategy} · ${b.request.symbol} ${b.request.interval}`;
}

function paramsOf(b: Backtest) {
  return Object.entries(b.request.params ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ');
}

function Comparison({ runs }: { runs: [Backtest, Backtest] }) {
  const lines = useMemo<Line[]>(() => runs.map((r, i) => ({
    name: `${String.fromCharCode(65 + i)}: ${r.request.strategy} ${paramsOf(r)}`, color: COLORS[i]!,
    points: (r.result?.equityCurve ?? []).map((p) => ({ time: toUnixSeconds(p.time), value: Number(p.equity) })),
  })), [runs]);
  const keys = Object.keys(METRIC_LABELS);
  return (
    <Stack gap="md">
      <Title order={2}>Compare backtests</Title>
      <SimpleGrid cols={2}>
        {runs.map((r, i) => (
          <Card withBorder key={r.id}>
            <Text fw={700} c={i === 0 ? 'teal.4' : 'blue.4'}>{String.fromCharCode(65 + i)}</Text>
            <Link to={`/backtests/${r.id}`} style={{ color: 'inherit' }}><Text fw={600}>{title(r)}</Text></Link>
            <Text size="sm" c="dimmed">{formatDate(r.request.from)} → {formatDate(r.request.to)}</Text>
            <Text size="sm" c="dimmed">
              {paramsOf(r) || 'default parameters'}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Card withBorder p={0}>
        <Table fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr><Table.Th>Metric</Table.Th><Table.Th className="tb-num">A</Table.Th><Table.Th className="tb-num">B</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>Final equity</Table.Td>
              {runs.map((r) => <Table.Td key={r.id} className="tb-num">{formatDecimal(r.result?.finalEquity, 2)}</Table.Td>)}
            </Table.Tr>
            {keys.map((k) => (
              <Table.Tr key={k}>
                <Table.Td>{METRIC_LABELS[k]}</Table.Td>
                {runs.map((r) => {
                  const v = r.result?.metrics[k as keyof NonNullable<Backtest['result']>['metrics']];
                  return <Table.Td key={r.id} className={`tb-num ${metricTone(k, v) ?? ''}`}>{formatMetric(k, v)}</Table.Td>;
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">Equity (log scale)</Title>
        <LineChart lines={lines} label="Equity curves of both backtests" logarithmic />
      </Card>
    </Stack>
  );
}
