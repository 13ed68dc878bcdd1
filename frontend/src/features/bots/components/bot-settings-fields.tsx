import { Anchor, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useCandleBounds } from '@/api/get-candles';
import type { Account } from '@/api/list-accounts';
import { INTERVALS } from '@/api/list-symbols';
import { formatDate } from '@/lib/format';
import { instantToDay } from '@/lib/run-settings';
import { SizingField } from '@/components/sizing-field';
import type { BotFormValues } from './bot-form';

const kindLabel: Record<Account['kind'], string> = { paper: 'paper', binance: 'Binance', 'binance-testnet': 'Binance testnet' };

/** Name, account, market and replay range of a new bot. */
export function BotMarketFields({ form, accounts }: { form: UseFormReturnType<BotFormValues>; accounts: Account[] }) {
  const { symbol, interval, accountId, replay } = form.values;
  const account = accounts.find((a) => a.id === accountId);
  const paper = account?.kind === 'paper';
  const bounds = useCandleBounds(symbol.trim().toUpperCase(), interval);
  const stored = bounds.data;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <TextInput label="Name" required {...form.getInputProps('name')} />
        <Select label="Account" required placeholder="Pick an account" allowDeselect={false}
          data={accounts.map((a) => ({ value: a.id, label: `${a.name} (${kindLabel[a.kind]})` }))}
          {...form.getInputProps('accountId')}
          onChange={(v) => {
            form.setFieldValue('accountId', v ?? '');
            // Only a paper account replays candles.
            if (accounts.find((a) => a.id === v)?.kind !== 'paper') form.setFieldValue('replay.enabled', false);
          }} />
        <TextInput label="Symbol" required {...form.getInputProps('symbol')}
          onChange={(e) => form.setFieldValue('symbol', e.currentTarget.value.toUpperCase())} />
        <Select label="Interval" required data={[...INTERVALS]} allowDeselect={false} {...form.getInputProps('interval')} />
      </SimpleGrid>
      {account && account.kind !== 'paper' && (
        <Text size="xs" c="yellow.4">This bot trades real money on {kindLabel[account.kind]} once started.</Text>
      )}
      <Switch label="Replay stored candles" disabled={!paper}
        description={paper ? 'Runs over a stored range as fast as it can, through the same order path, then stops itself.'
          : 'Only a paper account replays candles.'}
        checked={replay.enabled} onChange={(e) => form.setFieldValue('replay.enabled', e.currentTarget.checked)} />
      {replay.enabled && (
        <Stack gap={4}>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <TextInput label="Replay from (UTC)" type="date" required {...form.getInputProps('replay.from')} />
            <TextInput label="Replay to (UTC, excluded)" type="date" required {...form.getInputProps('replay.to')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {bounds.isFetching ? 'Looking up stored candles…' : stored ? (
              <>
                Stored {symbol} {interval} candles: {formatDate(stored.first)} → {formatDate(stored.last)}.{' '}
                <Anchor component="button" type="button" size="xs" onClick={() => {
                  form.setFieldValue('replay.from', instantToDay(stored.first));
                  form.setFieldValue('replay.to', instantToDay(new Date(Date.parse(stored.last) + 86_400_000).toISOString()));
                }}>Use all</Anchor>
              </>
            ) : `No ${symbol} ${interval} candles are stored: import them on the Market page first.`}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

/** Position size and the optional risk limits (create and edit). */
export function BotSizingFields({ form }: { form: UseFormReturnType<BotFormValues> }) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <SizingField type={form.values.sizing.type} onType={(t) => form.setFieldValue('sizing.type', t)}
          valueProps={form.getInputProps('sizing.value')} per="buy" />
        <TextInput label="Largest buy" description="Optional: no buy spends more (quote asset)" inputMode="decimal"
          placeholder="no limit" {...form.getInputProps('risk.maxOrderQuote')} />
        <TextInput label="Largest position" description="Optional: no buy takes the position's cost above this (quote asset)"
          inputMode="decimal" placeholder="no limit" {...form.getInputProps('risk.maxPositionQuote')} />
      </SimpleGrid>
      <Text fw={600} size="sm" mt="xs">Risk limits</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <TextInput label="Daily loss limit" description="Optional: stops the bot when today's loss reaches this % of its equity"
          inputMode="decimal" placeholder="no limit" rightSection={<Text size="xs" c="dimmed">%</Text>}
          {...form.getInputProps('risk.maxDailyLossPct')} />
        <TextInput label="Open orders at most" description="Optional: no new order while this many are open"
          inputMode="numeric" placeholder="no limit" {...form.getInputProps('risk.maxOpenOrders')} />
        <TextInput label="Cooldown" description="Optional: candles to wait after a sell before buying again"
          inputMode="numeric" placeholder="0" rightSection={<Text size="xs" c="dimmed">candles</Text>}
          rightSectionWidth={64} {...form.getInputProps('risk.cooldownCandles')} />
        <TextInput label="Max signal age" description="Seconds a signal may be resent after a failed send (default 300)"
          inputMode="numeric" placeholder="300" {...form.getInputProps('risk.maxSignalAgeSeconds')} />
      </SimpleGrid>
      <Switch label="Sell the position when the bot stops" description="Flatten on stop: a market sell of what the bot holds, whoever stops it"
        {...form.getInputProps('risk.flattenOnStop', { type: 'checkbox' })} />
    </Stack>
  );
}
