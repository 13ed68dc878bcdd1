import { MantineProvider } from '@mantine/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Run } from '../api/get-optimisation';
import { HeatmapView } from './heatmap-view';

const run = (rank: number, sl: number, slow: number, totalReturn: string): Run =>
  ({ rank, params: { sl, slow }, metrics: { totalReturn } });
const runs = [run(1, 0.05, 50, '0.2'), run(2, 0.1, 50, '0.1'), run(3, 0.05, 100, '0.05'), run(4, 0.1, 100, '-0.1')];

function heatmap(labels?: Record<string, string>): string {
  return renderToString(<MantineProvider><HeatmapView runs={runs} rankBy="totalReturn" labels={labels} /></MantineProvider>)
    .replaceAll('<!-- -->', '');
}

describe('heatmap of two parameters, as shown', () => {
  it("names its axes by the parameters' labels, not their names", () => {
    const html = heatmap({ sl: 'Stop loss', slow: 'Slow period' });
    expect(html).toContain('aria-label="Total return by Stop loss and Slow period"');
    expect(html).toContain('Slow period upwards, Stop loss across');
    // the axes' pickers show the labels (their hidden inputs keep the names)
    expect(html).toMatch(/role="combobox"[^>]*value="Stop loss"/);
    expect(html).toMatch(/role="combobox"[^>]*value="Slow period"/);
    expect(html).not.toMatch(/role="combobox"[^>]*value="sl"/);
    expect(html).not.toContain('by sl and slow');
  });

  it('names an axis without a label by its parameter', () => {
    expect(heatmap({ slow: 'Slow period' })).toContain('aria-label="Total return by sl and Slow period"');
  });
});
