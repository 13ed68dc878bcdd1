import { ScrollArea, Table, UnstyledButton } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { formatMetric, metricTone, METRIC_LABELS } from '@/components/metrics-grid';
import { compareDecimals } from '@/lib/decimal';
import type { Run } from '../api/get-optimisation';

type SortKey = { kind: 'rank' } | { kind: 'param'; name: string } | { kind: 'metric'; name: string; outOfSample?: boolean }
  | { kind: 'undefined'; outOfSample?: boolean };
const METRICS = ['totalReturn', 'cagr', 'sharpe', 'sortino', 'maxDrawdown', 'winRate', 'profitFactor', 'tradeCount'];

function valueOf(run: Run, key: SortKey): string | number | null {
  if (key.kind === 'rank') return run.rank;
  if (key.kind === 'undefined') return key.outOfSample ? run.outOfSampleUndefinedCandles ?? null : run.undefinedCandles ?? 0;
  if (key.kind === 'param') return (run.params[key.name] as string | number | undefined) ?? null;
  const m = (key.outOfSample ? run.outOfSample : run.metrics) as Record<string, unknown> | null | undefined;
  const v = m?.[key.name];
  return typeof v === 'string' || typeof v === 'number' ? v : null;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (/^-?\d+(\.\d+)?$/.test(String(a)) && /^-?\d+(\.\d+)?$/.test(String(b))) return compareDecimals(String(a), String(b));
  return String(a).localeCompare(String(b));
}

/** The column of undefined candles is shown only when a run had some: a built-in strategy never has. */
export function showsUndefinedCandles(runs: readonly Run[]): boolean {
  return runs.some((run) => (run.undefinedCandles ?? 0) > 0);
}

/** Likewise the column of undefined candles out of sample, when a run re-run there had some. */
export function showsOutOfSampleUndefinedCandles(runs: readonly Run[]): boolean {
  return runs.some((run) => (run.outOfSampleUndefinedCandles ?? 0) > 0);
}

/** `labels`: each parameter's label (its column shows the name when it has none). */
export function RunsTable({ runs, walkForward, labels = {} }: { runs: Run[]; walkForward: boolean; labels?: Record<string, string> }) {
  const params = Object.keys(runs[0]?.params ?? {});
  const undefinedShown = showsUndefinedCandles(runs);
  const outOfSampleUndefinedShown = walkForward && showsOutOfSampleUndefinedCandles(runs);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: { kind: 'rank' }, desc: false });
  const sorted = useMemo(() => {
    const out = [...runs].sort((a, b) => compare(valueOf(a, sort.key), valueOf(b, sort.key)));
    return sort.desc ? out.reverse() : out;
  }, [runs, sort]);

  const header = (label: string, key: SortKey) => {
    const active = JSON.stringify(sort.key) === JSON.stringify(key);
    return (
      <Table.Th className={key.kind === 'param' ? undefined : 'tb-num'}
        aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <UnstyledButton fz="sm" fw={600} onClick={() => setSort({ key, desc: active ? !sort.desc : key.kind === 'metric' })}>
          {label}{active ? (sort.desc ? ' ▼' : ' ▲') : ''}
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <ScrollArea>
      <Table striped highlightOnHover fz="sm" verticalSpacing={4} className="tb-nowrap">
        <Table.Thead>
          <Table.Tr>
            {header('Rank', { kind: 'rank' })}
            {params.map((p) => <Fragment key={p}>{header(labels[p] ?? p, { kind: 'param', name: p })}</Fragment>)}
            {METRICS.map((m) => <Fragment key={m}>{header(METRIC_LABELS[m] ?? m, { kind: 'metric', name: m })}</Fragment>)}
            {walkForward && header('Out-of-sample return', { kind: 'metric', name: 'totalReturn', outOfSample: true })}
            {walkForward && header('Out-of-sample Sharpe', { kind: 'metric', name: 'sharpe', outOfSample: true })}
            {undefinedShown && header('Undefined candles', { kind: 'undefined' })}
            {outOfSampleUndefinedShown && header('Out-of-sample undefined candles', { kind: 'undefined', outOfSample: true })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((run) => (
            <Table.Tr key={run.rank}>
              <Table.Td className="tb-num">{run.rank}</Table.Td>
              {params.map((p) => <Table.Td key={p}>{String(run.params[p] ?? '—')}</Table.Td>)}
              {METRICS.map((m) => {
                const v = (run.metrics as Record<string, string | number | null | undefined>)[m];
                return <Table.Td key={m} className={`tb-num ${metricTone(m, v) ?? ''}`}>{formatMetric(m, v)}</Table.Td>;
              })}
              {walkForward && <Table.Td className="tb-num">{formatMetric('totalReturn', run.outOfSample?.totalReturn)}</Table.Td>}
              {walkForward && <Table.Td className="tb-num">{formatMetric('sharpe', run.outOfSample?.sharpe)}</Table.Td>}
              {undefinedShown && <Table.Td className="tb-num">{(run.undefinedCandles ?? 0).toLocaleString('en')}</Table.Td>}
              {outOfSampleUndefinedShown && (
                <Table.Td className="tb-num">{run.outOfSampleUndefinedCandles?.toLocaleString('en') ?? '—'}</Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

