import { Card, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getCandleRange, getCandles } from '@/api/get-candles';
import { CandleChart } from '@/components/charts/candle-chart';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import type { Bot } from '../api/get-bot';
import { useAllBotFills } from '../api/list-bot-fills';
import { fillMarkers } from './fill-markers';
import { baseOf } from './pnl';

/** The bot's candles (a replay's whole range, or a live bot's latest) with each of its fills as a marker. */
export function BotChart({ bot }: { bot: Bot }) {
  const { symbol, interval, replay } = bot;
  const candles = useQuery({
    queryKey: replay ? ['candle-range', symbol, interval, replay.from, replay.to] : ['bot-candles', symbol, interval],
    queryFn: ({ signal }) => replay
      ? getCandleRange(symbol, interval, replay.from, replay.to, signal)
      : getCandles({ symbol, interval, limit: 500 }, signal).then((p) => p.candles),
    staleTime: replay ? Infinity : 0,
    refetchInterval: replay ? false : 5000,
  });
  const fills = useAllBotFills(bot.id);
  const markers = useMemo(
    () => (candles.data && fills.data ? fillMarkers(fills.data, candles.data, baseOf(symbol)) : []),
    [candles.data, fills.data, symbol],
  );
  return (
    <Card withBorder>
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h5">Fills on the chart</Title>
        <Text size="xs" c="dimmed">{fills.data ? `${fills.data.length.toLocaleString('en')} fills` : ''}</Text>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        B: buys. S: sells, green above the average cost of what was held, red below.
      </Text>
      {candles.isPending ? <PageLoader /> : candles.isError ? (
        <QueryError what="the candles" error={candles.error} onRetry={() => candles.refetch()} />
      ) : candles.data.length === 0 ? (
        <Text size="sm" c="dimmed">No {symbol} {interval} candles are stored yet.</Text>
      ) : (
        <CandleChart candles={candles.data} markers={markers} label={`${symbol} ${interval} candles with the bot's fills`}
          height={420} initialBars={replay ? candles.data.length : 150} />
      )}
    </Card>
  );
}
