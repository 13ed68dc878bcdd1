import { Alert, Anchor, Badge, Button, Card, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { LineChart } from '@/components/charts/line-chart';
import { KillSwitch } from '@/components/kill-switch';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { SignedValue } from '@/components/signed-value';
import { StatusBadge } from '@/components/status-badge';
import { formatDecimal, formatPercent, formatPnl, formatPrice, formatQuantity } from '@/lib/decimal';
import { formatDateTime } from '@/lib/format';
import { useEquity } from '../api/get-equity';
import { usePortfolio, type Portfolio, type PortfolioAccount } from '../api/get-portfolio';
import { balanceRows, EQUITY_RANGES, equityChange, equityLine, pnlByQuote, rangeStart, runningBots, type EquityRange } from './portfolio';

export default function PortfolioPage() {
  const portfolio = usePortfolio();
  const running = portfolio.data ? runningBots(portfolio.data.accounts) : undefined;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Portfolio</Title>
          <Text size="sm" c="dimmed">
            Every account valued in USDT at the latest prices, with the bots trading on it
            {portfolio.data ? ` (as of ${formatDateTime(portfolio.data.asOf)})` : ''}.
          </Text>
        </div>
        <KillSwitch {...(running !== undefined ? { running } : {})} />
      </Group>
      {portfolio.isPending ? <PageLoader /> : portfolio.isError ? (
        <QueryError what="your portfolio" error={portfolio.error} onRetry={() => portfolio.refetch()} />
      ) : portfolio.data.accounts.length === 0 ? (
        <Card withBorder p="xl">
          <Stack align="center" gap="xs">
            <Text fw={500}>No accounts yet</Text>
            <Text size="sm" c="dimmed">The portfolio sums your accounts: create a paper account to start.</Text>
            <Button mt="xs" component={Link} to="/accounts">Go to accounts</Button>
          </Stack>
        </Card>
      ) : (
        <>
          <Totals portfolio={portfolio.data} />
          <EquityCard accounts={portfolio.data.accounts} />
          {portfolio.data.accounts.map((a) => <AccountCard key={a.accountId} account={a} />)}
        </>
      )}
    </Stack>
  );
}

function Totals({ portfolio }: { portfolio: Portfolio }) {
  const { totals } = portfolio;
  const unpriced = portfolio.accounts.some((a) => a.unpriced.length > 0);
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      <Figure label="Value" value={totals.valueUsdt === null ? '—' : `${formatDecimal(totals.valueUsdt, 2)} USDT`}
        note={unpriced ? 'without the assets that have no price' : undefined} />
      <Figure label="Realised PnL" value={formatPnl(totals.realisedPnl, 'USDT')} sign={totals.realisedPnl} />
      <Figure label="Unrealised PnL" value={formatPnl(totals.unrealisedPnl, 'USDT')} sign={totals.unrealisedPnl} />
      <Figure label="Accounts" value={String(portfolio.accounts.length)}
        note={`${portfolio.accounts.reduce((n, a) => n + a.bots.length, 0)} bots`} />
    </SimpleGrid>
  );
}

function Figure({ label, value, sign, note }: { label: string; value: string; sign?: string; note?: string | undefined }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      {/* Two figures a row on a phone: a large PnL wraps inside its card rather than past its border. */}
      <Text fw={700} fz={{ base: 'md', sm: 'lg' }} className="tb-num" ta="left" style={{ overflowWrap: 'anywhere' }}>
        {sign !== undefined ? <SignedValue value={sign}>{value}</SignedValue> : value}
      </Text>
      {note && <Text size="xs" c="dimmed">{note}</Text>}
    </Paper>
  );
}

function EquityCard({ accounts }: { accounts: PortfolioAccount[] }) {
  const [accountId, setAccountId] = useState<string>(accounts[0]!.accountId);
  const [range, setRange] = useState<EquityRange>('30d');
  // The range's start is fixed when it is picked, so the query does not change with every render.
  const from = useMemo(() => rangeStart(range, new Date()), [range]);
  const equity = useEquity(accounts.some((a) => a.accountId === accountId) ? accountId : accounts[0]!.accountId, from);
  const points = equity.data?.points ?? [];
  const lines = useMemo(() => [{ name: 'Equity (USDT)', color: '#4dabf7', points: equityLine(points) }], [points]);
  const change = equityChange(points);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" gap="sm">
          <Group gap="sm" align="flex-end">
            <Title order={3} size="h4">Equity</Title>
            {change && (
              <Text size="sm">
                <SignedValue value={change.change}>{formatPnl(change.change, 'USDT')}</SignedValue>
                {change.ratio !== null && <Text span c="dimmed" inherit> ({formatPercent(change.ratio)})</Text>}
              </Text>
            )}
          </Group>
          <Group gap="sm" align="flex-end">
            {accounts.length > 1 && (
              <Select label="Account" size="xs" allowDeselect={false} value={accountId} w={200}
                data={accounts.map((a) => ({ value: a.accountId, label: a.name }))} onChange={(v) => v && setAccountId(v)} />
            )}
            <SegmentedControl size="xs" aria-label="Equity range" value={range} onChange={(v) => setRange(v as EquityRange)}
              data={EQUITY_RANGES.map((r) => ({ value: r.value, label: r.value === 'all' ? 'All' : r.value }))} />
          </Group>
        </Group>
        {equity.isError ? <QueryError what="the equity curve" error={equity.error} onRetry={() => equity.refetch()} />
          : equity.isPending ? <PageLoader /> : points.length < 2 ? (
            <Text size="sm" c="dimmed" py="xl" ta="center">
              Not enough equity points in this range yet: the equity is recorded as time passes.
            </Text>
          ) : <LineChart lines={lines} height={260} label="Equity curve of the account" />}
      </Stack>
    </Card>
  );
}

const venueColor: Record<string, string> = { paper: 'blue', binance: 'yellow', 'binance-testnet': 'grape' };

function AccountCard({ account }: { account: PortfolioAccount }) {
  const rows = balanceRows(account);
  const pnl = pnlByQuote(account.bots);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Group gap="xs">
            <Title order={3} size="h4">{account.name}</Title>
            <Badge variant="light" color={venueColor[account.venue] ?? 'gray'}>{account.venue}</Badge>
          </Group>
          <Stack gap={0} align="flex-end">
            <Text fw={700} className="tb-num">{account.valueUsdt === null ? '—' : `${formatDecimal(account.valueUsdt, 2)} USDT`}</Text>
            {pnl.map((p) => (
              <Text key={p.quote} size="xs" c="dimmed" className="tb-num">
                bots: <SignedValue value={p.total}>{formatPnl(p.total, p.quote)}</SignedValue>
              </Text>
            ))}
          </Stack>
        </Group>
        {account.unpriced.length > 0 && (
          <Alert color="yellow" variant="light" p="xs">
            No USDT price for {account.unpriced.join(', ')}: {account.unpriced.length === 1 ? 'it is' : 'they are'} left out of the value.
          </Alert>
        )}
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6} aria-label={`Balances of ${account.name}`} className="tb-nowrap">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Asset</Table.Th><Table.Th className="tb-num">Free</Table.Th><Table.Th className="tb-num">Locked</Table.Th>
                <Table.Th className="tb-num">Price (USDT)</Table.Th><Table.Th className="tb-num">Value (USDT)</Table.Th>
                <Table.Th className="tb-num">Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 ? (
                <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed">No balances.</Text></Table.Td></Table.Tr>
              ) : rows.map((b) => (
                <Table.Tr key={b.asset}>
                  <Table.Td fw={500}>{b.asset}</Table.Td>
                  <Table.Td className="tb-num" title={b.free}>{formatQuantity(b.free)}</Table.Td>
                  <Table.Td className="tb-num" title={b.locked}>{formatQuantity(b.locked)}</Table.Td>
                  <Table.Td className="tb-num">{b.priceUsdt === null ? 'no price' : formatPrice(b.priceUsdt)}</Table.Td>
                  <Table.Td className="tb-num">{formatDecimal(b.valueUsdt, 2)}</Table.Td>
                  <Table.Td className="tb-num">{b.share === null ? '—' : formatPercent(b.share, 1)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {account.bots.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing={6} aria-label={`Bots on ${account.name}`} className="tb-nowrap">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Bot</Table.Th><Table.Th>Status</Table.Th><Table.Th className="tb-num">Position</Table.Th>
                  <Table.Th className="tb-num">Entry</Table.Th><Table.Th className="tb-num">Last</Table.Th>
                  <Table.Th className="tb-num">Realised</Table.Th><Table.Th className="tb-num">Unrealised</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {account.bots.map((b) => (
                  <Table.Tr key={b.botId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/bots/${b.botId}`} fw={500}>{b.name}</Anchor>
                      <Text span size="xs" c="dimmed"> {b.symbol}</Text>
                    </Table.Td>
                    <Table.Td><StatusBadge status={b.status} /></Table.Td>
                    <Table.Td className="tb-num" title={b.position}>{formatQuantity(b.position)}</Table.Td>
                    <Table.Td className="tb-num">{formatPrice(b.avgEntryPrice)}</Table.Td>
                    <Table.Td className="tb-num">{formatPrice(b.lastPrice)}</Table.Td>
                    <Table.Td className="tb-num"><SignedValue value={b.realisedPnl}>{formatPnl(b.realisedPnl, b.quoteAsset)}</SignedValue></Table.Td>
                    <Table.Td className="tb-num"><SignedValue value={b.unrealisedPnl}>{formatPnl(b.unrealisedPnl, b.quoteAsset)}</SignedValue></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
