import { Alert, Badge, Button, Card, Group, Modal, Paper, SimpleGrid, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAccounts } from '@/api/list-accounts';
import { useStrategies } from '@/api/list-strategies';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { SignedValue } from '@/components/signed-value';
import { StatusBadge } from '@/components/status-badge';
import { describeError } from '@/lib/api-error';
import { formatDecimal, formatPnl, formatPrice } from '@/lib/decimal';
import { formatDate, formatDateTime } from '@/lib/format';
import { BOT_POLL_MS, useBot, type Bot } from '../api/get-bot';
import { useStartBot } from '../api/start-bot';
import { BotChart } from './bot-chart';
import { DeleteBotForm, EditBotForm, StopBotForm } from './bot-dialogs';
import { linkedStrategy, strategyLabel } from './bot-form';
import { EventsTable, FillsTable, OrdersTable } from './bot-tables';
import { formatPosition, quoteOf, totalPnl } from './pnl';

export default function BotPage() {
  const { id } = useParams();
  const bot = useBot(id);
  if (bot.isPending) return <PageLoader />;
  if (bot.isError) return <QueryError what="the bot" error={bot.error} onRetry={() => bot.refetch()} />;
  return <BotView bot={bot.data} updatedAt={bot.dataUpdatedAt} />;
}

type Dialog = 'stop' | 'edit' | 'delete' | null;

function BotView({ bot, updatedAt }: { bot: Bot; updatedAt: number }) {
  const navigate = useNavigate();
  const start = useStartBot();
  const strategies = useStrategies();
  const accounts = useAccounts();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const running = bot.status === 'running';
  const quote = quoteOf(bot.symbol);
  const account = accounts.data?.find((a) => a.id === bot.accountId);
  const params = Object.entries(bot.params ?? {});
  const total = totalPnl(bot.realizedPnl, bot.unrealizedPnl);
  const queryClient = useQueryClient();

  // When the bot moves on (a candle processed, a start or a stop), its tables and chart catch up at once
  // rather than at their next poll, so the page never shows a stopped replay with half its fills.
  useEffect(() => {
    for (const key of ['bot-fills', 'bot-fills-all', 'bot-orders', 'bot-events']) {
      void queryClient.invalidateQueries({ queryKey: [key, bot.id] });
    }
  }, [queryClient, bot.id, bot.status, bot.lastCandle, bot.openOrders]);

  const onStart = () => start.mutate(bot.id, {
    onError: (e) => notifications.show({ color: 'red', title: 'Not started', message: describeError(e) }),
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{bot.name}</Title>
            <StatusBadge status={bot.status} />
            {bot.replay && <Badge variant="outline" color="grape">replay</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            {strategyLabel(strategies.data ?? [], bot.strategy)} · {bot.symbol} {bot.interval} · {account ? `${account.name} (${account.kind})` : 'account'} · size{' '}
            {bot.sizing.type === 'percent' ? `${bot.sizing.value} % of equity` : `${formatDecimal(bot.sizing.value)} ${quote} per buy`}
            {bot.replay && ` · replays ${formatDate(bot.replay.from)} → ${formatDate(bot.replay.to)}`}
          </Text>
          {params.length > 0 && (
            <Group gap={6}>
              {params.map(([k, v]) => <Badge key={k} variant="outline" color="gray" tt="none">{k} = {String(v)}</Badge>)}
            </Group>
          )}
        </Stack>
        <Group gap="xs">
          {running ? (
            <Button color="red" onClick={() => setDialog('stop')}>Stop…</Button>
          ) : (
            <Button loading={start.isPending} onClick={onStart}>{bot.replay ? (bot.lastCandle ? 'Replay again' : 'Run replay') : 'Start'}</Button>
          )}
          <Tooltip label="Stop the bot to change it" disabled={!running}>
            <Button variant="default" disabled={running} onClick={() => setDialog('edit')}>Edit</Button>
          </Tooltip>
          <Button variant="default" component={Link} to="/bots">All bots</Button>
          <Button color="red" variant="subtle" onClick={() => setDialog('delete')}>Delete</Button>
        </Group>
      </Group>

      {bot.lastError && (
        <Alert color="red" variant="light" title="Last error" role="alert">{bot.lastError}</Alert>
      )}

      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Tile label="Position" value={formatPosition(bot.position, bot.symbol)} />
        <Tile label="Realised PnL" value={<SignedValue value={bot.realizedPnl}>{formatPnl(bot.realizedPnl, quote)}</SignedValue>} />
        <Tile label="Unrealised PnL" value={<SignedValue value={bot.unrealizedPnl}>{formatPnl(bot.unrealizedPnl, quote)}</SignedValue>}
          hint={bot.position.markPrice ? `marked at ${formatPrice(bot.position.markPrice)}` : undefined} />
        <Tile label="Total PnL" value={<SignedValue value={total}>{formatPnl(total, quote)}</SignedValue>} />
        <Tile label="Fees" value={`${formatDecimal(bot.fees, 2)} ${quote}`} />
        <Tile label="Open orders" value={String(bot.openOrders)} />
        <Tile label="Last candle" value={bot.lastCandle ? formatDateTime(bot.lastCandle) : 'none yet'} />
        <Tile label={running ? 'Running since' : 'Stopped'}
          value={formatDateTime(running ? bot.startedAt : bot.stoppedAt ?? bot.createdAt)} />
      </SimpleGrid>

      <BotChart bot={bot} />

      <Card withBorder>
        <Tabs defaultValue="fills" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="fills">Fills</Tabs.Tab>
            <Tabs.Tab value="orders">Orders</Tabs.Tab>
            <Tabs.Tab value="events">Event log</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="fills" pt="xs"><FillsTable botId={bot.id} /></Tabs.Panel>
          <Tabs.Panel value="orders" pt="xs"><OrdersTable botId={bot.id} /></Tabs.Panel>
          <Tabs.Panel value="events" pt="xs"><EventsTable botId={bot.id} /></Tabs.Panel>
        </Tabs>
      </Card>
      <Text size="xs" c="dimmed">
        Created {formatDateTime(bot.createdAt)} · updates every {BOT_POLL_MS / 1000} s while open (last {new Date(updatedAt).toISOString().slice(11, 19)} UTC)
      </Text>

      <Modal opened={dialog === 'stop'} onClose={close} title={`Stop ${bot.name}?`}>
        {dialog === 'stop' && <StopBotForm bot={bot} onDone={close} />}
      </Modal>
      <Modal opened={dialog === 'edit'} onClose={close} title={`Edit ${bot.name}`} size="xl">
        {dialog === 'edit' && (
          <EditBotForm bot={bot} strategy={linkedStrategy(strategies.data ?? [], bot.strategy)} onDone={close} />
        )}
      </Modal>
      <Modal opened={dialog === 'delete'} onClose={close} title="Delete bot?">
        {dialog === 'delete' && (
          <DeleteBotForm bot={bot} onDone={close} onDeleted={() => {
            notifications.show({ color: 'teal', message: `${bot.name} deleted` });
            navigate('/bots');
          }} />
        )}
      </Modal>
    </Stack>
  );
}

function Tile({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string | undefined }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.5 }}>{label}</Text>
      <Group gap={8} align="baseline" wrap="wrap">
        <Text size="md" fw={600}>{value}</Text>
        {hint && <Text size="xs" c="dimmed">{hint}</Text>}
      </Group>
    </Paper>
  );
}
