import { Autocomplete, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { INTERVALS, useSymbols } from '@/api/list-symbols';
import { useCandleHistory } from '@/api/get-candles';
import { CandleChart } from '@/components/charts/candle-chart';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { SignedValue } from '@/components/signed-value';
import { ApiError } from '@/lib/api-error';
import { dec, formatDecimal, formatPrice } from '@/lib/decimal';
import { formatDateTime } from '@/lib/format';
import { ImportPanel } from './import-panel';
import { WatchesCard } from './watches-card';

export default function MarketPage() {
  const [params, setParams] = useSearchParams();
  const symbol = params.get('symbol') ?? 'BTCUSDT';
  const interval = params.get('interval') ?? '4h';
  const [symbolInput, setSymbolInput] = useState(symbol);
  const symbols = useSymbols();
  const history = useCandleHistory(symbol, interval);

  const pick = (s: string, i: string) => {
    setSymbolInput(s);
    setParams({ symbol: s, interval: i });
  };

  const candles = useMemo(
    () => (history.data ? [...history.data.pages].reverse().flatMap((p) => p.candles) : []),
    [history.data],
  );
  const unknownSymbol = history.error instanceof ApiError && history.error.status === 400
    ? history.error.fieldErrors.find((e) => e.field === 'symbol') : undefined;
  const last = candles[candles.length - 1];
  const prev = candles[candles.length - 2];
  const change = last && prev ? dec(last.close).minus(prev.close).div(prev.close).times(100).toFixed(2) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Market</Title>
        <Group gap="sm" align="flex-end">
          <Autocomplete
            label="Symbol"
            w={160}
            value={symbolInput}
            data={(symbols.data ?? []).map((s) => s.symbol)}
            limit={50}
            onChange={(v) => setSymbolInput(v.toUpperCase())}
            onOptionSubmit={(v) => pick(v, interval)}
            onBlur={() => symbolInput && symbolInput !== symbol && pick(symbolInput.trim().toUpperCase(), interval)}
            onKeyDown={(e) => { if (e.key === 'Enter' && symbolInput) pick(symbolInput.trim().toUpperCase(), interval); }}
          />
          <Select label="Interval" w={100} data={[...INTERVALS]} value={interval} allowDeselect={false}
            onChange={(v) => v && pick(symbol, v)} />
        </Group>
      </Group>

      <Card withBorder p="sm">
        <Group justify="space-between" mb="xs" gap="xs">
          <Group gap="sm" wrap="nowrap" style={{ whiteSpace: 'nowrap' }}>
            <Text fw={700} size="lg">{symbol} · {interval}</Text>
            {last && (
              <>
                <Text size="lg" fw={600} className="tb-num">{formatPrice(last.close)}</Text>
                {change && <SignedValue value={change} size="sm">{dec(change).gt(0) ? '+' : ''}{change} %</SignedValue>}
                <Text size="xs" c="dimmed" visibleFrom="md">
                  O {formatPrice(last.open)} H {formatPrice(last.high)} L {formatPrice(last.low)} C {formatPrice(last.close)} V {formatDecimal(last.volume, 2)}
                </Text>
              </>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {candles.length > 0 && `${candles.length.toLocaleString('en')} candles from ${formatDateTime(candles[0]?.openTime)}`}
            {history.isFetchingNextPage && ' · loading older…'}
          </Text>
        </Group>
        {history.isPending ? <PageLoader /> : unknownSymbol ? (
          <Stack h={300} align="center" justify="center" gap={4}>
            <Text fw={500}>No {symbol} {interval} candles stored yet</Text>
            <Text size="sm" c="dimmed">
              {symbol} {unknownSymbol.message}. Import a CSV file of its candles below (that registers it), or pick a listed symbol.
            </Text>
          </Stack>
        ) : history.isError ? (
          <QueryError what={`${symbol} ${interval} candles`} error={history.error} onRetry={() => history.refetch()} />
        ) : candles.length === 0 ? (
          <Stack h={300} align="center" justify="center" gap={4}>
            <Text fw={500}>No {symbol} {interval} candles stored yet</Text>
            <Text size="sm" c="dimmed">Import a CSV file below, or watch the pair to fetch it from the exchange.</Text>
          </Stack>
        ) : (
          <CandleChart
            candles={candles}
            label={`${symbol} ${interval} candle chart`}
            onReachStart={() => { if (history.hasNextPage && !history.isFetchingNextPage) void history.fetchNextPage(); }}
          />
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">Import candles</Title>
          <ImportPanel symbol={symbol} interval={interval} />
        </Card>
        <WatchesCard symbol={symbol} interval={interval} onPick={pick} />
      </SimpleGrid>
    </Stack>
  );
}
