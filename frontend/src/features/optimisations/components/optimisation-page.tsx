import { Alert, Badge, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useStrategies } from '@/api/list-strategies';
import { METRIC_LABELS } from '@/components/metrics-grid';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { StatusBadge } from '@/components/status-badge';
import { formatDate } from '@/lib/format';
import { paramLabels } from '@/lib/strategy-params';
import { useOptimisation } from '../api/get-optimisation';
import { HeatmapView } from './heatmap-view';
import { RunsTable } from './runs-table';

export default function OptimisationPage() {
  const { id } = useParams();
  const query = useOptimisation(id);
  const strategies = useStrategies();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError what="the optimisation" error={query.error} onRetry={() => query.refetch()} />;
  const o = query.data;
  const { request, result } = o;
  const active = o.status === 'queued' || o.status === 'running';
  const labels = paramLabels(strategies.data, request.strategy);
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={2}>Optimisation of {request.strategy} · {request.symbol} {request.interval}</Title>
          <StatusBadge status={o.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {formatDate(request.from)} → {formatDate(request.to)} · {request.search} search, up to {request.maxRuns.toLocaleString('en')} runs ·
          ranked by {METRIC_LABELS[request.rankBy] ?? request.rankBy}
          {request.walkForward && ` · walk-forward ${request.walkForward.inSampleFraction} in sample, best ${request.walkForward.topN} re-run`}
        </Text>
        <Group gap={6}>
          {Object.entries(request.ranges).map(([k, v]) => (
            <Badge key={k} variant="outline" color="gray" tt="none">{labels[k] ?? k}: {describeRange(v)}</Badge>
          ))}
        </Group>
      </Stack>
      {active && (
        <Card withBorder>
          <Text size="sm" mb={6}>{o.status === 'queued' ? 'Queued: waiting for a worker…' : `Running: ${o.progress} %`}</Text>
          <Progress value={o.status === 'queued' ? 100 : o.progress} striped animated size="lg" aria-label="Optimisation progress" />
        </Card>
      )}
      {o.status === 'failed' && <Alert color="red" title="The optimisation failed" role="alert">{o.error}</Alert>}
      {result && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
            <Stat label="Runs" value={result.runs.toLocaleString('en')} />
            <Stat label="Invalid sets skipped" value={(result.invalidSets ?? 0).toLocaleString('en')} />
            <Stat label="In-sample candles" value={(result.inSampleCandles ?? 0).toLocaleString('en')} />
            <Stat label="Out-of-sample candles" value={result.outOfSampleCandles ? result.outOfSampleCandles.toLocaleString('en') : '—'} />
          </SimpleGrid>
          {result.best.length > 0 && Object.keys(result.best[0]!.params).length > 0 && (
            <Card withBorder>
              <Title order={3} size="h5" mb="xs">Heatmap</Title>
              <HeatmapView runs={result.best} rankBy={result.rankBy} labels={labels} />
            </Card>
          )}
          <Card withBorder>
            <Title order={3} size="h5" mb="xs">Best {result.best.length} runs</Title>
            <RunsTable runs={result.best} walkForward={!!request.walkForward} labels={labels} />
          </Card>
        </>
      )}
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder p="xs">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="lg" fw={600}>{value}</Text>
    </Card>
  );
}

function describeRange(v: unknown): string {
  const r = v as { min?: string; max?: string; step?: string; values?: unknown[] };
  return r.values ? r.values.join(', ') : `${r.min} → ${r.max} by ${r.step}`;
}
