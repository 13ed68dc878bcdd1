import { describe, expect, it } from 'vitest';
import type { Run } from '../api/get-optimisation';
import { buildHeatmap, shade } from './heatmap';

const run = (rank: number, fast: number, slow: number, sharpe: string, maxDrawdown = '0.1'): Run =>
  ({ rank, params: { fast, slow, mode: 'a' }, metrics: { sharpe, maxDrawdown } });

describe('heatmap of two parameters', () => {
  const runs = [run(1, 10, 50, '1.5'), run(2, 20, 50, '1.2'), run(3, 10, 100, '0.9'), run(4, 10, 50, '0.3', '0.05')];

  it('places each pair on the grid with the best value of the metric', () => {
    const map = buildHeatmap(runs, 'fast', 'slow', 'sharpe');
    expect(map.xs).toEqual(['10', '20']);
    expect(map.ys).toEqual(['100', '50']);
    expect(map.cells[1]![0]).toEqual({ x: '10', y: '50', value: '1.5', rank: 1 });
    expect(map.cells[0]![1]).toEqual({ x: '20', y: '100', value: null, rank: null });
    expect([map.min, map.max]).toEqual(['0.9', '1.5']);
  });

  it('takes the lowest drawdown as the best', () => {
    const map = buildHeatmap(runs, 'fast', 'slow', 'maxDrawdown');
    expect(map.cells[1]![0]).toMatchObject({ value: '0.05', rank: 4 });
    expect(shade('0.05', '0.05', '0.1', true)).toBe(1);
    expect(shade('1.5', '0.9', '1.5', false)).toBe(1);
  });

  it('sorts numeric values as numbers, not text', () => {
    const map = buildHeatmap([run(1, 9, 1, '1'), run(2, 10, 1, '1'), run(3, 100, 1, '1')], 'fast', 'slow', 'sharpe');
    expect(map.xs).toEqual(['9', '10', '100']);
  });
});
