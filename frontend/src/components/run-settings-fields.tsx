import { Anchor, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useEffect } from 'react';
import { useCandleBounds } from '@/api/get-candles';
import { INTERVALS } from '@/api/list-symbols';
import { formatDate } from '@/lib/format';
import { instantToDay, type RunSettings } from '@/lib/run-settings';
import { SizingField } from './sizing-field';

/** Market, date range, money and costs of a run; suggests the stored range of the pair. */
export function RunSettingsFields<T extends RunSettings>({ form }: { form: UseFormReturnType<T> }) {
  const f = form as unknown as UseFormReturnType<RunSettings>;
  const { symbol, interval } = f.values;
  const bounds = useCandleBounds(symbol.trim().toUpperCase(), interval);
  const stored = bounds.data;

  useEffect(() => {
    // Fill an untouched range with what is stored: the last year, or everything if less.
    if (stored && f.values.from === '' && f.values.to === '') {
      const end = new Date(Date.parse(stored.last) + 86_400_000);
      const start = new Date(Math.max(Date.parse(stored.first), end.getTime() - 365 * 86_400_000));
      f.setFieldValue('from', instantToDay(start.toISOString()));
      f.setFieldValue('to', instantToDay(end.toISOString()));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored]);

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <TextInput label="Symbol" required {...f.getInputProps('symbol')}
          onChange={(e) => f.setFieldValue('symbol', e.currentTarget.value.toUpperCase())} />
        <Select label="Interval" required data={[...INTERVALS]} allowDeselect={false} {...f.getInputProps('interval')} />
        <TextInput label="From (UTC)" type="date" required {...f.getInputProps('from')} />
        <TextInput label="To (UTC, excluded)" type="date" required {...f.getInputProps('to')} />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={-4}>
        {bounds.isFetching ? 'Looking up stored candles…' : stored ? (
          <>
            Stored {symbol} {interval} candles: {formatDate(stored.first)} → {formatDate(stored.last)}.{' '}
            <Anchor component="button" type="button" size="xs" onClick={() => {
              f.setFieldValue('from', instantToDay(stored.first));
              f.setFieldValue('to', instantToDay(new Date(Date.parse(stored.last) + 86_400_000).toISOString()));
            }}>Use all</Anchor>
          </>
        ) : `No ${symbol} ${interval} candles are stored: import them on the Market page first.`}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <TextInput label="Starting balance" description="Quote currency" required inputMode="decimal" {...f.getInputProps('startingBalance')} />
        <TextInput label="Fee" description="Basis points per fill (10 = 0.1 %)" required inputMode="decimal" {...f.getInputProps('feeBps')} />
        <TextInput label="Slippage" description="Basis points against each market fill" required inputMode="decimal" {...f.getInputProps('slippageBps')} />
        <SizingField type={f.values.sizing.type} onType={(t) => f.setFieldValue('sizing.type', t)}
          valueProps={f.getInputProps('sizing.value')} per="entry" />
      </SimpleGrid>
    </Stack>
  );
}
