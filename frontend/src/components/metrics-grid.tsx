import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { Metrics } from '@/api/metrics';
import { formatDecimal, formatPercent, signOf } from '@/lib/decimal';

export const METRIC_LABELS: Record<string, string> = {
  totalReturn: 'Total return', cagr: 'CAGR', maxDrawdown: 'Max drawdown', sharpe: 'Sharpe', sortino: 'Sortino',
  winRate: 'Win rate', profitFactor: 'Profit factor', exposure: 'Exposure', tradeCount: 'Trades', buyAndHoldReturn: 'Buy & hold',
};

const PERCENT = new Set(['totalReturn', 'cagr', 'maxDrawdown', 'winRate', 'exposure', 'buyAndHoldReturn']);

/** One metric as text: ratios as percentages, others as plain decimals. */
export function formatMetric(key: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return value.toLocaleString('en');
  return PERCENT.has(key) ? formatPercent(value) : formatDecimal(value, 2);
}

export function metricTone(key: string, value: string | number | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (key === 'maxDrawdown') return signOf(value) !== 0 ? 'tb-down' : undefined;
  if (['totalReturn', 'cagr', 'buyAndHoldReturn', 'sharpe', 'sortino'].includes(key)) {
    const s = signOf(value);
    return s > 0 ? 'tb-up' : s < 0 ? 'tb-down' : undefined;
  }
  return undefined;
}

export function MetricsGrid({ metrics, extra }: { metrics: Metrics; extra?: { label: string; value: string }[] }) {
  const keys = Object.keys(METRIC_LABELS) as (keyof Metrics)[];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 4, xl: 6 }} spacing="xs">
      {extra?.map((e) => <Tile key={e.label} label={e.label} value={e.value} />)}
      {keys.map((k) => (
        <Tile key={k} label={METRIC_LABELS[k] ?? k} value={formatMetric(k, metrics[k])} tone={metricTone(k, metrics[k])} />
      ))}
    </SimpleGrid>
  );
}

function Tile({ label, value, tone }: { label: string; value: string; tone?: string | undefined }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.5 }}>{label}</Text>
      <Text size="lg" fw={600} className={tone}>{value}</Text>
    </Paper>
  );
}
