import { Badge, Box, Button, Card, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useStrategies } from '@/api/list-strategies';
import { KillSwitch } from '@/components/kill-switch';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { SignedValue } from '@/components/signed-value';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime } from '@/lib/format';
import { BOTS_PAGE, useBots } from '../api/list-bots';
import { CursorPager } from './cursor-pager';
import { currentCursor, firstPage, nextPage, previousPage } from './cursor-pages';
import { formatPnl } from '@/lib/decimal';
import { strategyLabel } from './bot-form';
import { quoteOf, totalPnl } from './pnl';

export default function BotsPage() {
  const [pages, setPages] = useState(firstPage);
  const bots = useBots(currentCursor(pages));
  const strategies = useStrategies();
  const navigate = useNavigate();

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>Bots</Title>
          <Text size="sm" c="dimmed">Each bot trades one symbol of one account with one strategy. Replay one before starting it.</Text>
        </div>
        <Group gap="xs">
          <KillSwitch running={bots.data?.bots.filter((b) => b.status === 'running').length} />
          <Button component={Link} to="/bots/new">New bot</Button>
        </Group>
      </Group>
      {bots.isPending ? <PageLoader /> : bots.isError ? (
        <QueryError what="your bots" error={bots.error} onRetry={() => bots.refetch()} />
      ) : bots.data.bots.length === 0 && pages.cursors.length === 1 ? (
        <Card withBorder p="xl">
          <Stack align="center" gap="xs">
            <Text fw={500}>No bots yet</Text>
            <Text size="sm" c="dimmed">Create one from a strategy, or from a backtest's result page.</Text>
            <Button mt="xs" component={Link} to="/bots/new">Create a bot</Button>
          </Stack>
        </Card>
      ) : (
        <Card withBorder p={0}>
          {/* A phone gets one line per bot with what a trader looks for first: status and PnL. */}
          <Stack gap={0} hiddenFrom="sm">
            {bots.data.bots.map((b) => {
              const quote = quoteOf(b.symbol);
              const total = totalPnl(b.realizedPnl, b.unrealizedPnl);
              return (
                <Box key={b.id} px="sm" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-dark-4)' }}>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Link to={`/bots/${b.id}`} style={{ color: 'inherit', fontWeight: 500, minWidth: 0 }}>{b.name}</Link>
                    <Text fw={600} className="tb-num"><SignedValue value={total}>{formatPnl(total, quote)}</SignedValue></Text>
                  </Group>
                  <Group justify="space-between" wrap="nowrap" gap="xs" mt={2}>
                    <Group gap={4} wrap="nowrap">
                      <StatusBadge status={b.status} />
                      {b.replay && <Badge variant="outline" color="grape" size="sm">replay</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed" truncate="end">{strategyLabel(strategies.data ?? [], b.strategy)} · {b.symbol} {b.interval}</Text>
                  </Group>
                  {b.lastError && <Text size="xs" c="red.4" lineClamp={2}>{b.lastError}</Text>}
                </Box>
              );
            })}
          </Stack>
          <ScrollArea visibleFrom="sm">
            <Table highlightOnHover verticalSpacing="xs" miw={960} className="tb-nowrap">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th><Table.Th miw={180}>Status</Table.Th><Table.Th>Pair</Table.Th><Table.Th>Strategy</Table.Th>
                  <Table.Th className="tb-num">Realised PnL</Table.Th><Table.Th className="tb-num">Unrealised</Table.Th>
                  <Table.Th className="tb-num">Total</Table.Th><Table.Th>Last candle</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bots.data.bots.map((b) => {
                  const quote = quoteOf(b.symbol);
                  const total = totalPnl(b.realizedPnl, b.unrealizedPnl);
                  return (
                    <Table.Tr key={b.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/bots/${b.id}`)}>
                      <Table.Td fw={500}>
                        <Link to={`/bots/${b.id}`} style={{ color: 'inherit' }}>{b.name}</Link>
                        {b.lastError && (
                          <Text size="xs" c="red.4" maw={320} truncate="end" title={b.lastError}>{b.lastError}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <StatusBadge status={b.status} />
                          {b.replay && <Badge variant="outline" color="grape" size="sm">replay</Badge>}
                        </Group>
                      </Table.Td>
                      <Table.Td>{b.symbol} {b.interval}</Table.Td>
                      <Table.Td>{strategyLabel(strategies.data ?? [], b.strategy)}</Table.Td>
                      <Table.Td className="tb-num"><SignedValue value={b.realizedPnl}>{formatPnl(b.realizedPnl, quote)}</SignedValue></Table.Td>
                      <Table.Td className="tb-num"><SignedValue value={b.unrealizedPnl}>{formatPnl(b.unrealizedPnl, quote)}</SignedValue></Table.Td>
                      <Table.Td className="tb-num" fw={600}><SignedValue value={total}>{formatPnl(total, quote)}</SignedValue></Table.Td>
                      <Table.Td c="dimmed">{b.lastCandle ? formatDateTime(b.lastCandle) : '—'}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <Box px="md" pb="xs">
            <CursorPager state={pages} size={BOTS_PAGE} shown={bots.data.bots.length} nextCursor={bots.data.nextCursor}
              what="bots" order="newest first" onPrevious={() => setPages(previousPage)} onNext={() => setPages((s) => nextPage(s, bots.data.nextCursor))} />
          </Box>
        </Card>
      )}
    </Stack>
  );
}
