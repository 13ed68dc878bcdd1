import { Box, Group, Text } from '@mantine/core';
import { createChart, LineSeries, PriceScaleMode, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { chartOptions } from './chart-theme';

export type LinePoint = { time: number; value: number };
export type Line = { name: string; color: string; points: LinePoint[]; dashed?: boolean };

/** Lines over time (equity beside buy-and-hold), with a legend. Points are for drawing only. */
export function LineChart({ lines, height = 300, label, logarithmic = false }: {
  lines: Line[]; height?: number; label: string; logarithmic?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const chart = createChart(container.current, {
      ...chartOptions,
      // Years of 4h points must fit the width: let bars get thinner than a pixel.
      timeScale: { ...chartOptions.timeScale, minBarSpacing: 0.001 },
      rightPriceScale: { ...chartOptions.rightPriceScale, mode: logarithmic ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal },
    });
    for (const line of lines) {
      const series = chart.addSeries(LineSeries, {
        color: line.color, lineWidth: line.dashed ? 1 : 2, priceLineVisible: false, title: '',
      });
      series.setData(dedupe(line.points).map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
    }
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [lines, logarithmic]);
  return (
    <div>
      <Group gap="md" mb={6}>
        {lines.map((l) => (
          <Group key={l.name} gap={6}>
            <Box w={14} h={3} bg={l.color} style={{ borderRadius: 2 }} />
            <Text size="xs" c="dimmed">{l.name}</Text>
          </Group>
        ))}
      </Group>
      <Box ref={container} className="tb-chart" h={height} role="img" aria-label={label} />
    </div>
  );
}

/** The chart needs strictly increasing times: keep the last value of equal times. */
function dedupe(points: LinePoint[]): LinePoint[] {
  const out: LinePoint[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.time >= p.time) {
      if (last.time === p.time) out[out.length - 1] = p;
      continue;
    }
    out.push(p);
  }
  return out;
}
