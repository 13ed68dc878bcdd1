import { Box, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { type RefObject, useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatMetric, METRIC_LABELS } from '@/components/metrics-grid';
import type { Run } from '../api/get-optimisation';
import { buildHeatmap, LOWER_IS_BETTER, shade } from './heatmap';

function colour(t: number): string {
  // red (worst) → amber → teal (best)
  const hue = 0 + t * 165;
  return `hsl(${hue} 50% 25%)`; // dark enough for white figures at AA contrast
}

/** `labels`: each parameter's label (the name shows when it has none). */
export function HeatmapView({ runs, rankBy, labels = {} }: { runs: Run[]; rankBy: string; labels?: Record<string, string> }) {
  const params = useMemo(() => {
    const names = Object.keys(runs[0]?.params ?? {});
    // Parameters that vary first: those are the interesting axes.
    return names.sort((a, b) => new Set(runs.map((r) => String(r.params[b]))).size - new Set(runs.map((r) => String(r.params[a]))).size);
  }, [runs]);
  const [x, setX] = useState(params[0] ?? '');
  const [y, setY] = useState(params[1] ?? params[0] ?? '');
  const [metric, setMetric] = useState(rankBy);
  const map = useMemo(() => buildHeatmap(runs, x, y, metric), [runs, x, y, metric]);
  const lower = LOWER_IS_BETTER.has(metric);
  const label = (name: string) => labels[name] ?? name;
  const axes = params.map((p) => ({ value: p, label: label(p) }));
  const [xLabel, yLabel] = [label(x), label(y)];
  const scroller = useRef<HTMLDivElement>(null);
  const { overflows, atEnd, onScroll } = useSidewaysOverflow(scroller, map);
  const hint = useId();

  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Select label="Across" w={160} data={axes} value={x} onChange={(v) => v && setX(v)} allowDeselect={false} />
        <Select label="Up" w={160} data={axes} value={y} onChange={(v) => v && setY(v)} allowDeselect={false} />
        <Select label="Colour by" w={180} allowDeselect={false} value={metric} onChange={(v) => v && setMetric(v)}
          data={Object.keys(METRIC_LABELS).filter((k) => k !== 'tradeCount').map((k) => ({ value: k, label: METRIC_LABELS[k]! }))} />
      </Group>
      {/* At a phone's width the grid can be wider than its card: say so, fade the cut edge, and let the
          keyboard scroll it too (a scrolling region must be focusable). */}
      {overflows && (
        <Text id={hint} size="xs" c="dimmed" data-scroll-hint>
          {map.xs.length} columns of {xLabel}: scroll sideways for all of them →
        </Text>
      )}
      <Box ref={scroller} onScroll={onScroll} role={overflows ? 'region' : undefined}
        aria-label={overflows ? `Heatmap, scrolls sideways` : undefined} aria-describedby={overflows ? hint : undefined}
        tabIndex={overflows ? 0 : undefined}
        style={{
          overflowX: 'auto', scrollbarWidth: 'thin',
          maskImage: overflows && !atEnd ? 'linear-gradient(to right, #000 calc(100% - 32px), transparent)' : undefined,
        }}>
        <table role="grid" aria-label={`${METRIC_LABELS[metric] ?? metric} by ${xLabel} and ${yLabel}`} style={{ borderCollapse: 'separate', borderSpacing: 2 }}>
          <tbody>
            {map.cells.map((row, i) => (
              <tr key={map.ys[i]}>
                <th scope="row" style={{ padding: '0 8px', fontWeight: 500, fontSize: 12, textAlign: 'right' }}>{map.ys[i]}</th>
                {row.map((cell) => (
                  <td key={cell.x} style={{ padding: 0 }}>
                    <Tooltip label={cell.value === null ? `${xLabel} ${cell.x}, ${yLabel} ${cell.y}: not among the best runs` :
                      `${xLabel} ${cell.x}, ${yLabel} ${cell.y}: ${formatMetric(metric, cell.value)} (rank ${cell.rank})`}>
                      <Box w={56} h={34} style={{
                        background: cell.value === null || map.min === null || map.max === null ? 'var(--mantine-color-dark-6)' : colour(shade(cell.value, map.min, map.max, lower)),
                        display: 'flex', alignItems: 'center', justifyContent: 'center', borderRadius: 3, fontSize: 11, color: '#fff',
                      }}>
                        {cell.value === null ? '' : formatMetric(metric, cell.value)}
                      </Box>
                    </Tooltip>
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th />
              {map.xs.map((v) => <th key={v} scope="col" style={{ fontWeight: 500, fontSize: 12, paddingTop: 4 }}>{v}</th>)}
            </tr>
          </tbody>
        </table>
      </Box>
      <Text size="xs" c="dimmed">
        {yLabel} upwards, {xLabel} across; each cell is the best {METRIC_LABELS[metric] ?? metric} of the top runs with that pair
        ({lower ? 'lower' : 'higher'} is better, teal is best). Empty cells were not among the best 50.
      </Text>
    </Stack>
  );
}

/** Whether the element is narrower than its content (measured as it resizes), and whether it is scrolled to the end. */
function useSidewaysOverflow(ref: RefObject<HTMLDivElement | null>, content: unknown) {
  const [overflows, setOverflows] = useState(false);
  const [atEnd, setAtEnd] = useState(false);
  const measure = () => {
    const el = ref.current;
    if (!el) return;
    setOverflows(el.scrollWidth > el.clientWidth + 1);
    setAtEnd(el.scrollLeft + el.clientWidth >= el.scrollWidth - 1);
  };
  useEffect(() => {
    measure();
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, content]);
  return { overflows, atEnd, onScroll: measure };
}
