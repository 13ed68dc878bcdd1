import { MantineProvider } from '@mantine/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OptimisationSchema, type Run } from '../api/get-optimisation';
import { RunsTable, showsOutOfSampleUndefinedCandles, showsUndefinedCandles } from './runs-table';

function optimisation(best: unknown[]) {
  return OptimisationSchema.parse({
    id: 'o1', status: 'succeeded', progress: 100, createdAt: '2026-01-01T00:00:00Z',
    request: {
      symbol: 'BTCUSDT', interval: '4h', strategy: 'user:0b7c7f3e-1111-4222-8333-944455556666@1', params: {},
      ranges: { p: { values: [2, 3] } }, search: 'grid', maxRuns: 10, rankBy: 'totalReturn',
      from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', startingBalance: '1000',
      sizing: { type: 'percent', value: '100' },
    },
    result: { runs: best.length, rankBy: 'totalReturn', best },
  });
}

function table(runs: Run[], labels?: Record<string, string>, walkForward = false): string {
  return renderToString(<MantineProvider><RunsTable runs={runs} walkForward={walkForward} labels={labels} /></MantineProvider>)
    .replaceAll('<!-- -->', '');
}

describe('undefined candles of optimisation runs', () => {
  it('are read per run and shown in their own column when a run had some', () => {
    const runs = optimisation([
      { rank: 1, params: { p: 2 }, metrics: { totalReturn: '0.100000', tradeCount: 3 }, undefinedCandles: 0 },
      { rank: 2, params: { p: 3 }, metrics: { totalReturn: '0', tradeCount: 0 }, undefinedCandles: 12345 },
    ]).result!.best;

    expect(runs.map((r) => r.undefinedCandles)).toEqual([0, 12345]);
    expect(showsUndefinedCandles(runs)).toBe(true);
    const html = table(runs);
    expect(html).toContain('Undefined candles');
    expect(html).toContain('12,345');
  });

  it('leave the table as it was when no run had any, or the result predates the count', () => {
    const runs = optimisation([
      { rank: 1, params: { fast: 5 }, metrics: { totalReturn: '0.1', tradeCount: 3 }, undefinedCandles: 0 },
      { rank: 2, params: { fast: 10 }, metrics: { totalReturn: '0', tradeCount: 0 } },
    ]).result!.best;

    expect(showsUndefinedCandles(runs)).toBe(false);
    expect(table(runs)).not.toContain('Undefined candles');
  });
});

describe('parameter columns of optimisation runs', () => {
  const runs = optimisation([
    { rank: 1, params: { sl: 0.05, slow: 50 }, metrics: { totalReturn: '0.1', tradeCount: 3 } },
    { rank: 2, params: { sl: 0.1, slow: 50 }, metrics: { totalReturn: '0', tradeCount: 0 } },
  ]).result!.best;

  it("are headed by each parameter's label, not its name", () => {
    const html = table(runs, { sl: 'Stop loss', slow: 'Slow period' });
    expect(html).toMatch(/>Stop loss</);
    expect(html).toMatch(/>Slow period</);
    expect(html).not.toMatch(/>sl</);
    expect(html).not.toMatch(/>slow</);
  });

  it('are headed by the name of a parameter without a label', () => {
    const html = table(runs, { slow: 'Slow period' });
    expect(html).toMatch(/>sl</);
    expect(html).toMatch(/>Slow period</);
  });
});

describe('undefined candles of walk-forward runs out of sample', () => {
  const metrics = { totalReturn: '0', tradeCount: 0 };

  it('are read per run and shown in their own column when a run re-run out of sample had some', () => {
    const runs = optimisation([
      { rank: 1, params: { p: 2 }, metrics, undefinedCandles: 0, outOfSample: metrics, outOfSampleUndefinedCandles: 0 },
      { rank: 2, params: { p: 3 }, metrics, undefinedCandles: 7000, outOfSample: metrics, outOfSampleUndefinedCandles: 3456 },
      { rank: 3, params: { p: 4 }, metrics, undefinedCandles: 0, outOfSample: null, outOfSampleUndefinedCandles: null },
    ]).result!.best;

    expect(runs.map((r) => r.outOfSampleUndefinedCandles)).toEqual([0, 3456, null]);
    expect(showsOutOfSampleUndefinedCandles(runs)).toBe(true);
    const html = table(runs, undefined, true);
    expect(html).toContain('Out-of-sample undefined candles');
    const cells = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].slice(1)
      .map((row) => [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]).at(-1));
    expect(cells).toEqual(['0', '3,456', '—']);
  });

  it('leave the table as it was when no run had any out of sample, or the result predates the count', () => {
    const runs = optimisation([
      { rank: 1, params: { p: 2 }, metrics, undefinedCandles: 5, outOfSample: metrics, outOfSampleUndefinedCandles: 0 },
      { rank: 2, params: { p: 3 }, metrics, undefinedCandles: 0, outOfSample: metrics },
    ]).result!.best;

    expect(showsOutOfSampleUndefinedCandles(runs)).toBe(false);
    const html = table(runs, undefined, true);
    expect(html).toContain('Undefined candles');
    expect(html).not.toContain('Out-of-sample undefined candles');
  });
});
