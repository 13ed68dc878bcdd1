// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../api/get-optimisation';
import { HeatmapView } from './heatmap-view';

const run = (rank: number, fast: number, slow: number): Run =>
  ({ rank, params: { fast, slow }, metrics: { totalReturn: String(rank / 100) } });
// five values across, as the e2e's optimisation has
const runs = [5, 6, 7, 8, 9].flatMap((fast, i) => [run(2 * i + 1, fast, 20), run(2 * i + 2, fast, 30)]);

// jsdom lays nothing out: a phone's card is 326 px wide, the grid's five columns need more.
let contentWidth = 0;
beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false })) as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} };
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 326 });
  Object.defineProperty(HTMLElement.prototype, 'scrollWidth', { configurable: true, get: () => contentWidth });
});
afterEach(cleanup);

function heatmap() {
  return render(<MantineProvider><HeatmapView runs={runs} rankBy="totalReturn" labels={{ fast: 'Fast period' }} /></MantineProvider>);
}

// a generous limit: the first render in jsdom is slow on a loaded machine (not a timing check)
describe('heatmap wider than its card (a phone)', { timeout: 60_000 }, () => {
  it('says it scrolls sideways, in a region the keyboard can scroll', () => {
    contentWidth = 372;
    heatmap();
    const region = screen.getByRole('region', { name: 'Heatmap, scrolls sideways' });
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(region.style.overflowX).toBe('auto');
    expect(region.contains(screen.getByRole('grid'))).toBe(true);
    const hint = screen.getByText('5 columns of Fast period: scroll sideways for all of them →');
    expect(region.getAttribute('aria-describedby')).toBe(hint.id);
  });

  it('says nothing when the grid fits', () => {
    contentWidth = 300;
    heatmap();
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.queryByText(/scroll sideways/)).toBeNull();
    expect(screen.getByRole('grid')).toBeTruthy();
  });
});
