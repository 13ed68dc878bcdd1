import { Badge, ScrollArea, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { formatDecimal, formatPrice } from '@/lib/decimal';
import { formatDateTime } from '@/lib/format';
import { useBotEvents } from '../api/list-bot-events';
import { useBotFills } from '../api/list-bot-fills';
import { ROWS_PAGE, useBotOrders } from '../api/list-bot-orders';
import { eventDetail, eventKind } from './bot-events';
import { CursorPager } from './cursor-pager';
import { currentCursor, firstPage, nextPage, previousPage } from './cursor-pages';

const ORDER_COLORS: Record<string, string> = {
  NEW: 'gray', SENDING: 'blue', UNKNOWN: 'orange', OPEN: 'blue', FILLED: 'teal', CANCELED: 'gray', EXPIRED: 'gray',
  REJECTED: 'red', NOT_PLACED: 'yellow',
};

function usePages() {
  const [state, setState] = useState(firstPage);
  return { state, cursor: currentCursor(state), next: (c: string | null | undefined) => setState((s) => nextPage(s, c)),
    previous: () => setState(previousPage) };
}

export function OrdersTable({ botId }: { botId: string }) {
  const pages = usePages();
  const orders = useBotOrders(botId, pages.cursor);
  if (orders.isPending) return <PageLoader />;
  if (orders.isError) return <QueryError what="the orders" error={orders.error} onRetry={() => orders.refetch()} />;
  const { items, nextCursor } = orders.data;
  return (
    <>
      {items.length === 0 && pages.cursor === null ? <Text size="sm" c="dimmed" py="sm">No orders yet.</Text> : (
        <ScrollArea>
          <Table striped highlightOnHover fz="sm" verticalSpacing={4} miw={1000} className="tb-nowrap">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Decided</Table.Th><Table.Th>Side</Table.Th><Table.Th>Type</Table.Th>
                <Table.Th className="tb-num">Quantity</Table.Th><Table.Th className="tb-num">Executed</Table.Th>
                <Table.Th className="tb-num">Quote</Table.Th><Table.Th>Status</Table.Th><Table.Th>Reason</Table.Th>
                <Table.Th>Client order id</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{formatDateTime(o.decidedAt)}</Table.Td>
                  <Table.Td className={o.side === 'BUY' ? 'tb-up' : 'tb-down'}>{o.side}</Table.Td>
                  <Table.Td>{o.type}</Table.Td>
                  <Table.Td className="tb-num">{o.sentQuantity ?? o.quantity ? formatDecimal(o.sentQuantity ?? o.quantity) : o.quoteQuantity ? `${formatDecimal(o.quoteQuantity, 2)} quote` : '—'}</Table.Td>
                  <Table.Td className="tb-num">{formatDecimal(o.executedQuantity)}</Table.Td>
                  <Table.Td className="tb-num">{formatDecimal(o.cumulativeQuote, 2)}</Table.Td>
                  <Table.Td>
                    <Tooltip label={o.rejectMessage ? `${o.rejectCode ?? ''} ${o.rejectMessage}` : o.exchangeStatus ?? o.status}
                      disabled={!o.rejectMessage && !o.exchangeStatus}>
                      <Badge size="sm" variant="light" color={ORDER_COLORS[o.status] ?? 'gray'}>{o.status.replace('_', ' ').toLowerCase()}</Badge>
                    </Tooltip>
                    {o.rejectMessage && <Text span size="xs" c="red.4" ml={6}>{o.rejectCode} {o.rejectMessage}</Text>}
                  </Table.Td>
                  <Table.Td>{o.reason ?? ''}</Table.Td>
                  <Table.Td ff="monospace" fz="xs" c="dimmed">{o.clientOrderId}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <CursorPager state={pages.state} size={ROWS_PAGE} shown={items.length} nextCursor={nextCursor} what="orders"
        onPrevious={pages.previous} onNext={() => pages.next(nextCursor)} />
    </>
  );
}

export function FillsTable({ botId }: { botId: string }) {
  const pages = usePages();
  const fills = useBotFills(botId, pages.cursor);
  if (fills.isPending) return <PageLoader />;
  if (fills.isError) return <QueryError what="the fills" error={fills.error} onRetry={() => fills.refetch()} />;
  const { items, nextCursor } = fills.data;
  return (
    <>
      {items.length === 0 && pages.cursor === null ? <Text size="sm" c="dimmed" py="sm">No fills yet.</Text> : (
        <ScrollArea>
          <Table striped highlightOnHover fz="sm" verticalSpacing={4} miw={860} className="tb-nowrap" aria-label="Fills">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th><Table.Th>Side</Table.Th><Table.Th className="tb-num">Price</Table.Th>
                <Table.Th className="tb-num">Quantity</Table.Th><Table.Th className="tb-num">Quote</Table.Th>
                <Table.Th className="tb-num">Commission</Table.Th><Table.Th>Liquidity</Table.Th><Table.Th className="tb-num">Trade id</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => (
                <Table.Tr key={`${f.tradeId}-${f.seq}`}>
                  <Table.Td>{formatDateTime(f.time)}</Table.Td>
                  <Table.Td className={f.side === 'BUY' ? 'tb-up' : 'tb-down'}>{f.side}</Table.Td>
                  <Table.Td className="tb-num">{formatPrice(f.price)}</Table.Td>
                  <Table.Td className="tb-num">{formatDecimal(f.quantity)}</Table.Td>
                  <Table.Td className="tb-num">{formatDecimal(f.quoteQuantity, 2)}</Table.Td>
                  <Table.Td className="tb-num">{formatDecimal(f.commission)} {f.commissionAsset}</Table.Td>
                  <Table.Td>{f.maker ? 'maker' : 'taker'}</Table.Td>
                  <Table.Td className="tb-num" c="dimmed">{f.tradeId}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <CursorPager state={pages.state} size={ROWS_PAGE} shown={items.length} nextCursor={nextCursor} what="fills"
        onPrevious={pages.previous} onNext={() => pages.next(nextCursor)} />
    </>
  );
}

export function EventsTable({ botId }: { botId: string }) {
  const pages = usePages();
  const events = useBotEvents(botId, pages.cursor);
  if (events.isPending) return <PageLoader />;
  if (events.isError) return <QueryError what="the event log" error={events.error} onRetry={() => events.refetch()} />;
  const { items, nextCursor } = events.data;
  return (
    <>
      {items.length === 0 && pages.cursor === null ? <Text size="sm" c="dimmed" py="sm">Nothing has happened yet.</Text> : (
        <ScrollArea>
          <Table striped fz="sm" verticalSpacing={4} miw={900}>
            <Table.Thead>
              <Table.Tr><Table.Th w={190}>Time</Table.Th><Table.Th w={140}>Event</Table.Th><Table.Th>What happened</Table.Th><Table.Th>Detail</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => {
                const kind = eventKind(e.type);
                return (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                    <Table.Td><Badge size="sm" variant="light" color={kind.tone}>{kind.label}</Badge></Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                    <Table.Td ff="monospace" fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{eventDetail(e.details)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <CursorPager state={pages.state} size={ROWS_PAGE} shown={items.length} nextCursor={nextCursor} what="events"
        onPrevious={pages.previous} onNext={() => pages.next(nextCursor)} />
    </>
  );
}
