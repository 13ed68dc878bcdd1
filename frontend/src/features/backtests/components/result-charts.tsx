import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getCandleRange } from '@/api/get-candles';
import { CandleChart, type TradeMarker } from '@/components/charts/candle-chart';
import { LineChart, type Line } from '@/components/charts/line-chart';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { dec, signOf, toChartNumber } from '@/lib/decimal';
import { toUnixSeconds } from '@/lib/format';
import type { Backtest } from '../api/get-backtest';

/** Equity beside buy-and-hold, and the candles with each trade's entry and exit. */
export function ResultCharts({ backtest }: { backtest: Backtest }) {
  const { request, result } = backtest;
  const candles = useQuery({
    queryKey: ['candle-range', request.symbol, request.interval, request.from, request.to],
    queryFn: ({ signal }) => getCandleRange(request.symbol, request.interval, request.from, request.to, signal),
    staleTime: Infinity,
  });

  const lines = useMemo<Line[]>(() => {
    const equity: Line = {
      name: 'Strategy equity', color: '#12b886',
      points: (result?.equityCurve ?? []).map((p) => ({ time: toUnixSeconds(p.time), value: toChartNumber(p.equity) })),
    };
    const first = candles.data?.[0];
    if (!first) return [equity];
    // Buy-and-hold: the starting balance in the asset at the first open, valued at each close.
    const units = dec(request.startingBalance).div(first.open);
    const hold: Line = {
      name: 'Buy and hold', color: '#9aa0ae', dashed: true,
      points: candles.data!.map((c) => ({ time: toUnixSeconds(c.openTime), value: units.times(c.close).toNumber() })),
    };
    return [equity, hold];
  }, [result, candles.data, request.startingBalance]);

  const markers = useMemo<TradeMarker[]>(() => (result?.trades ?? []).flatMap((t) => {
    const entry: TradeMarker = { time: t.entryTime, kind: 'entry' };
    return t.exitTime ? [entry, { time: t.exitTime, kind: 'exit', win: signOf(t.pnl) > 0 }] : [entry];
  }), [result]);

  return (
    <Stack gap="md">
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">Equity (log scale)</Title>
        <LineChart lines={lines} label="Equity curve beside buy and hold" height={300} logarithmic />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb={4}>Trades on the chart</Title>
        <Text size="xs" c="dimmed" mb="xs">Blue arrows: entries. Green and red arrows: exits with a gain or a loss.</Text>
        {candles.isPending ? <PageLoader /> : candles.isError ? (
          <QueryError what="the candles" error={candles.error} onRetry={() => candles.refetch()} />
        ) : (
          <CandleChart candles={candles.data} markers={markers} label={`${request.symbol} ${request.interval} candles with trades`} height={420} initialBars={500} />
        )}
      </Card>
    </Stack>
  );
}
