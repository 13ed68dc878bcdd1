import { Group, Pagination, ScrollArea, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { SignedValue } from '@/components/signed-value';
import { formatDecimal, formatPrice } from '@/lib/decimal';
import { formatDateTime } from '@/lib/format';
import type { Trade } from '../api/get-backtest';

const PAGE = 50;

export function TradesTable({ trades, omitted }: { trades: Trade[]; omitted: number }) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(trades.length / PAGE));
  const shown = trades.slice((page - 1) * PAGE, page * PAGE);
  if (trades.length === 0) return <Text size="sm" c="dimmed">No trades: the strategy never entered in this range.</Text>;
  return (
    <>
      <ScrollArea>
        <Table striped highlightOnHover fz="sm" verticalSpacing={4} miw={820} className="tb-nowrap">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th><Table.Th>Entry</Table.Th><Table.Th className="tb-num">Entry price</Table.Th>
              <Table.Th>Exit</Table.Th><Table.Th className="tb-num">Exit price</Table.Th>
              <Table.Th className="tb-num">Quantity</Table.Th><Table.Th className="tb-num">Fees</Table.Th>
              <Table.Th className="tb-num">PnL</Table.Th><Table.Th>Exit reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((t, i) => (
              <Table.Tr key={`${t.entryTime}-${i}`}>
                <Table.Td c="dimmed">{(page - 1) * PAGE + i + 1}</Table.Td>
                <Table.Td>{formatDateTime(t.entryTime)}</Table.Td>
                <Table.Td className="tb-num">{formatPrice(t.entryPrice)}</Table.Td>
                <Table.Td>{formatDateTime(t.exitTime)}</Table.Td>
                <Table.Td className="tb-num">{formatPrice(t.exitPrice)}</Table.Td>
                <Table.Td className="tb-num">{formatDecimal(t.quantity, 8)}</Table.Td>
                <Table.Td className="tb-num">{formatDecimal(t.fee, 2)}</Table.Td>
                <Table.Td className="tb-num"><SignedValue value={t.pnl}>{formatDecimal(t.pnl, 2)}</SignedValue></Table.Td>
                <Table.Td>{t.exitReason ?? (t.exitTime ? '' : 'open')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">
          {trades.length.toLocaleString('en')} trades{omitted > 0 ? ` shown; ${omitted.toLocaleString('en')} more counted in the metrics` : ''}
        </Text>
        {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} aria-label="Trade pages"
          getControlProps={(control) => ({ 'aria-label': `${control.charAt(0).toUpperCase()}${control.slice(1)} page` })}
          getItemProps={(n) => ({ 'aria-label': `Page ${n}` })} />}
      </Group>
    </>
  );
}
