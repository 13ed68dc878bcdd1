import Decimal from 'decimal.js';
import { compareDecimals } from '@/lib/decimal';
import type { Run } from '../api/get-optimisation';

export type Cell = { x: string; y: string; value: string | null; rank: number | null };
export type Heatmap = { xs: string[]; ys: string[]; cells: Cell[][]; min: string | null; max: string | null };

/** Metrics where less is better. */
export const LOWER_IS_BETTER = new Set(['maxDrawdown']);

function sortValues(values: string[]): string[] {
  const numeric = values.every((v) => /^-?\d+(\.\d+)?$/.test(v));
  return [...values].sort((a, b) => (numeric ? new Decimal(a).comparedTo(b) : a.localeCompare(b)));
}

/**
 * A grid of parameter x against parameter y; each cell holds the best value of the metric among
 * the runs with that pair (several runs share a pair when other parameters vary too).
 */
export function buildHeatmap(runs: readonly Run[], xParam: string, yParam: string, metric: string): Heatmap {
  const key = (v: unknown) => String(v);
  const xs = sortValues([...new Set(runs.map((r) => key(r.params[xParam])))]);
  const ys = sortValues([...new Set(runs.map((r) => key(r.params[yParam])))]).reverse();
  const lower = LOWER_IS_BETTER.has(metric);
  const best = new Map<string, { value: string; rank: number }>();
  for (const run of runs) {
    const value = (run.metrics as Record<string, unknown>)[metric];
    if (typeof value !== 'string') continue;
    const k = `${key(run.params[xParam])}\u0000${key(run.params[yParam])}`;
    const seen = best.get(k);
    const better = !seen || (lower ? compareDecimals(value, seen.value) < 0 : compareDecimals(value, seen.value) > 0);
    if (better) best.set(k, { value, rank: run.rank });
  }
  const values = [...best.values()].map((b) => b.value);
  const sorted = [...values].sort(compareDecimals);
  return {
    xs, ys,
    cells: ys.map((y) => xs.map((x) => {
      const b = best.get(`${x}\u0000${y}`);
      return { x, y, value: b?.value ?? null, rank: b?.rank ?? null };
    })),
    min: sorted[0] ?? null,
    max: sorted[sorted.length - 1] ?? null,
  };
}

/** 0 (worst) to 1 (best) for colouring. */
export function shade(value: string, min: string, max: string, lowerIsBetter: boolean): number {
  const span = new Decimal(max).minus(min);
  if (span.isZero()) return 1;
  const t = new Decimal(value).minus(min).div(span).toNumber();
  return lowerIsBetter ? 1 - t : t;
}
