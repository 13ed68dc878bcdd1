import { Box } from '@mantine/core';
import {
  CandlestickSeries, createChart, createSeriesMarkers, HistogramSeries,
  type IChartApi, type ISeriesApi, type ISeriesMarkersPluginApi, type SeriesMarker, type Time, type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { Candle } from '@/api/get-candles';
import { toChartNumber } from '@/lib/decimal';
import { toUnixSeconds } from '@/lib/format';
import { chartOptions, DOWN, UP } from './chart-theme';

export type TradeMarker = { time: string; kind: 'entry' | 'exit'; text?: string; win?: boolean };

/**
 * Candles with volume below them. Calls onReachStart when the user scrolls near the oldest candle
 * shown, so the caller can load older ones; the view stays where it was when they arrive.
 */
export function CandleChart({ candles, markers, onReachStart, height = 460, label, initialBars = 150 }: {
  candles: Candle[];
  markers?: TradeMarker[];
  onReachStart?: () => void;
  height?: number;
  label: string;
  /** How many of the latest candles the first view shows. */
  initialBars?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const candleSeries = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const volumeSeries = useRef<ISeriesApi<'Histogram'> | null>(null);
  const markerPlugin = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const shown = useRef<{ first: string | null; count: number }>({ first: null, count: 0 });
  const reachStart = useRef(onReachStart);
  reachStart.current = onReachStart;

  useEffect(() => {
    if (!container.current) return;
    const c = createChart(container.current, chartOptions);
    const cs = c.addSeries(CandlestickSeries, {
      upColor: UP, downColor: DOWN, borderVisible: false, wickUpColor: UP, wickDownColor: DOWN,
    });
    cs.priceScale().applyOptions({ scaleMargins: { top: 0.06, bottom: 0.24 } });
    const vs = c.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: '', lastValueVisible: false, priceLineVisible: false });
    vs.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    c.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      if (range && range.from < 30) reachStart.current?.();
    });
    chart.current = c;
    candleSeries.current = cs;
    volumeSeries.current = vs;
    markerPlugin.current = createSeriesMarkers(cs, []);
    return () => {
      c.remove();
      chart.current = null;
      shown.current = { first: null, count: 0 };
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c || !candleSeries.current || !volumeSeries.current) return;
    const before = c.timeScale().getVisibleLogicalRange();
    const prev = shown.current;
    candleSeries.current.setData(candles.map((k) => ({
      time: toUnixSeconds(k.openTime) as UTCTimestamp,
      open: toChartNumber(k.open), high: toChartNumber(k.high), low: toChartNumber(k.low), close: toChartNumber(k.close),
    })));
    volumeSeries.current.setData(candles.map((k) => ({
      time: toUnixSeconds(k.openTime) as UTCTimestamp,
      value: toChartNumber(k.volume),
      color: Number(k.close) >= Number(k.open) ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)',
    })));
    const first = candles[0]?.openTime ?? null;
    const last = candles[candles.length - 1]?.openTime ?? null;
    if (prev.count === 0) {
      // First data: show the latest candles rather than squeezing years into the width.
      const n = candles.length;
      if (n > 0) c.timeScale().setVisibleLogicalRange({ from: Math.max(0, n - initialBars), to: n + 3 });
    } else if (before && first !== prev.first && last) {
      // Older candles were put in front: keep looking at the same ones.
      const added = candles.length - prev.count;
      c.timeScale().setVisibleLogicalRange({ from: before.from + added, to: before.to + added });
    }
    shown.current = { first, count: candles.length };
  }, [candles, initialBars]);

  useEffect(() => {
    const plugin = markerPlugin.current;
    if (!plugin) return;
    const list: SeriesMarker<Time>[] = (markers ?? []).map((m) => ({
      time: toUnixSeconds(m.time) as UTCTimestamp,
      position: m.kind === 'entry' ? 'belowBar' : 'aboveBar',
      shape: m.kind === 'entry' ? 'arrowUp' : 'arrowDown',
      color: m.kind === 'entry' ? '#4dabf7' : m.win ? UP : DOWN,
      ...(m.text ? { text: m.text } : {}),
    }));
    list.sort((a, b) => Number(a.time) - Number(b.time));
    plugin.setMarkers(list);
  }, [markers, candles]);

  // data-markers: how many markers are drawn on the canvas (the browser tests read it).
  return <Box ref={container} className="tb-chart" h={height} role="img" aria-label={label} data-markers={markers?.length ?? 0} />;
}
