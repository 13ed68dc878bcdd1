package app.tradebot.orders;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.Trade;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcileOrders job: settles every order whose fate is not known (UNKNOWN; SENDING whose sender
 * died) and follows open ones. An order is looked up by its client order id, several times, then in
 * the account's order list; a match is checked against symbol, side and quantity before it is
 * adopted. Only when the request can no longer be accepted by Binance (see {@link OrdersProperties})
 * and it is still not found is it marked NOT_PLACED; its signal is then sent again under the next
 * attempt's client order id, or dropped when older than the bot's maxSignalAge. The account's trades
 * are ingested from the last one seen, gaplessly.
 */
class ReconcileOrders {

    private static final Logger log = LoggerFactory.getLogger(ReconcileOrders.class);
    private static final int PAGE = 1000;
    /**
     * The reconciliation works on the account's own exchange as it is now: what it sends or finds filled was
     * filled on the account now, never in a replay's past, so its fills are told to the fill listener.
     */
    private static final boolean NOT_A_REPLAY = false;

    private final BotOrders orders;
    private final OrderExchanges exchanges;
    private final BotEvents events;
    private final OrderAudit audit;
    private final Jdbi jdbi;
    private final Clock clock;
    private final OrdersProperties properties;

    ReconcileOrders(BotOrders orders, OrderExchanges exchanges, BotEvents events, OrderAudit audit, Jdbi jdbi, Clock clock,
            OrdersProperties properties) {
        this.orders = orders;
        this.exchanges = exchanges;
        this.events = events;
        this.audit = audit;
        this.jdbi = jdbi;
        this.clock = clock;
        this.properties = properties;
    }

    /** Every account with unresolved orders; one account failing does not stop the others. Returns the orders settled. */
    int reconcileAll() {
        int settled = 0;
        for (UUID accountId : orders.dao().accountsWithUnresolved()) {
            try {
                settled += reconcile(accountId);
            } catch (RuntimeException e) {
                log.warn("Orders of account {} not reconciled: {}", accountId, e.toString());
            }
        }
        return settled;
    }

    /** One account's unresolved orders; returns how many reached a final state or were found. */
    int reconcile(UUID accountId) {
        List<BotOrder> rows = orders.dao().unresolvedOf(accountId);
        if (rows.isEmpty()) {
            return 0;
        }
        Exchange exchange = exchanges.exchange(rows.get(0).userId(), accountId);
        exchanges.sweep(rows.get(0).userId(), accountId);
        Set<String> symbols = new LinkedHashSet<>();
        int settled = 0;
        for (BotOrder row : rows) {
            symbols.add(row.symbol());
            try {
                settled += resolve(row, exchange) ? 1 : 0;
            } catch (ExchangeException e) {
                log.info("Order {} not reconciled this time: {}", row.clientOrderId(), e.getMessage());
            }
        }
        for (String symbol : symbols) {
            try {
                ingestTrades(accountId, symbol, exchange);
            } catch (ExchangeException | UnsupportedOperationException e) {
                log.info("Trades of account {} in {} not scanned this time: {}", accountId, symbol, e.getMessage());
            }
        }
        // Signals sent again, and protections, whose send waited for an earlier order in doubt.
        for (UUID botId : rows.stream().map(BotOrder::botId).distinct().toList()) {
            sendWaitingResends(botId, exchange);
        }
        return settled;
    }

    private boolean resolve(BotOrder row, Exchange exchange) {
        Instant now = clock.instant();
        if (row.status() == BotOrderStatus.SENDING && now.isBefore(row.claimedAt().plus(properties.sendTime()))) {
            return false; // its sender may still be sending it
        }
        Optional<Order> found = lookUp(row, exchange);
        if (found.isPresent()) {
            Order order = found.get();
            String mismatch = mismatch(row, order);
            if (mismatch != null) {
                if (!mismatch.equals(row.unknownReason())) {
                    jdbi.useTransaction(h -> {
                        h.attach(BotOrderDao.class).note(row.id(), mismatch, now);
                        events.record(h, row.botId(), row.userId(), BotEventType.ORDER_MISMATCH, BotOrders.describe(row)
                                + ": the exchange's order with this client order id differs (" + mismatch
                                + "); not adopted, not sent again: check the account", BotOrders.details(row, Map.of(
                                        "exchangeOrderId", String.valueOf(order.exchangeOrderId()))));
                    });
                }
                return false;
            }
            BotOrderStatus before = row.status();
            BotOrder stored = orders.adopt(row, order, exchange, before == BotOrderStatus.OPEN
                    ? typeOf(BotOrders.statusOf(order.status())) : BotEventType.ORDER_FOUND, NOT_A_REPLAY);
            if (before != BotOrderStatus.OPEN || stored.status().isFinal()) {
                audit.record(row.userId(), OrderAudit.RESOLVED, stored, BotOrders.outcome(stored));
            }
            return before != stored.status();
        }
        if (row.status() == BotOrderStatus.OPEN) {
            return false; // accepted, so it exists: Binance will show it again
        }
        if (now.isBefore(deadline(row))) {
            jdbi.useTransaction(h -> h.attach(BotOrderDao.class).missed(row.id(), now));
            return false;
        }
        return notPlaced(row, exchange, now);
    }

    /** When a request of this order can surely no longer be accepted. */
    Instant deadline(BotOrder row) {
        Instant stampedBy = row.answeredAt() != null ? row.answeredAt() : row.claimedAt().plus(properties.sendTime());
        return stampedBy.plus(properties.recvWindow()).plus(properties.clockOffset()).plus(properties.margin());
    }

    /** Repeated look-ups by client order id, then the account's orders since the claim. */
    private Optional<Order> lookUp(BotOrder row, Exchange exchange) {
        for (int i = 0; i < properties.lookups(); i++) {
            if (i > 0) {
                pause();
            }
            Optional<Order> order = exchange.findOrder(row.symbol(), row.clientOrderId());
            if (order.isPresent()) {
                return order;
            }
        }
        if (row.status() == BotOrderStatus.OPEN) {
            return Optional.empty();
        }
        Instant from = (row.claimedAt() != null ? row.claimedAt() : row.decidedAt()).minus(Duration.ofMinutes(1));
        for (int page = 0; page < 10; page++) {
            List<Order> listed;
            try {
                listed = exchange.ordersFrom(row.symbol(), from, PAGE);
            } catch (UnsupportedOperationException e) {
                return Optional.empty();
            }
            for (Order order : listed) {
                if (row.clientOrderId().equals(order.clientOrderId())) {
                    return Optional.of(order);
                }
            }
            if (listed.size() < PAGE || listed.get(listed.size() - 1).createdAt() == null) {
                break;
            }
            from = listed.get(listed.size() - 1).createdAt().plusMillis(1);
        }
        return Optional.empty();
    }

    /** Why an order found under our client order id is not ours to adopt; null when it is. */
    static String mismatch(BotOrder row, Order order) {
        if (!row.symbol().equals(order.symbol())) {
            return "symbol " + order.symbol() + ", not " + row.symbol();
        }
        if (row.side() != order.side()) {
            return "side " + order.side() + ", not " + row.side();
        }
        BigDecimal sent = row.sentQuantity();
        if (sent != null && order.quantity() != null && order.quantity().signum() > 0 && sent.compareTo(order.quantity()) != 0) {
            return "quantity " + order.quantity().toPlainString() + ", not " + sent.toPlainString();
        }
        return null;
    }

    private boolean notPlaced(BotOrder row, Exchange exchange, Instant now) {
        Duration age = Duration.between(row.decidedAt(), now);
        boolean resend = age.compareTo(row.maxSignalAge()) <= 0;
        BotOrder again = resend ? BotOrders.resendOf(row) : null;
        boolean marked = jdbi.inTransaction(h -> {
            BotOrderDao dao = h.attach(BotOrderDao.class);
            if (dao.notPlaced(row.id(), now) == 0) {
                return false;
            }
            events.record(h, row.botId(), row.userId(), BotEventType.ORDER_NOT_PLACED, BotOrders.describe(row)
                    + " was never placed: not found by its client order id nor in the account's orders, "
                    + Duration.between(deadline(row), now).plus(properties.recvWindow()).toSeconds()
                    + " s after the exchange could still accept it", BotOrders.details(row, Map.of()));
            if (resend) {
                dao.insert(again);
                events.record(h, row.botId(), row.userId(), BotEventType.SIGNAL_RESENT, "The signal of "
                        + BotOrders.describe(row) + " is sent again as " + again.clientOrderId() + " (decided "
                        + age.toSeconds() + " s ago, within maxSignalAge " + row.maxSignalAge().toSeconds() + " s)",
                        BotOrders.details(row, Map.of("newClientOrderId", again.clientOrderId())));
            } else {
                events.record(h, row.botId(), row.userId(), BotEventType.SIGNAL_DROPPED, "The signal of "
                        + BotOrders.describe(row) + " is dropped: " + (row.maxSignalAgeMs() == 0
                                ? "the bot's orders were cancelled while it was in doubt"
                                : "decided " + age.toSeconds() + " s ago, older than maxSignalAge "
                                        + row.maxSignalAge().toSeconds() + " s"),
                        BotOrders.details(row, Map.of()));
            }
            return true;
        });
        if (!marked) {
            return false;
        }
        BotOrder settled = orders.dao().find(row.id()).orElseThrow();
        audit.record(row.userId(), OrderAudit.RESOLVED, settled, "not placed; signal " + (resend ? "sent again as "
                + again.clientOrderId() : "dropped"));
        if (resend) {
            orders.dao().find(again.id()).ifPresent(r -> orders.send(r, Fence.none(), exchange, NOT_A_REPLAY));
        }
        return true;
    }

    /**
     * A bot's resends, and its protections (a PROTECT after a buy that was in doubt guards what the buy
     * bought: it must not wait for the bot's next candle), in the order of their signals.
     */
    private void sendWaitingResends(UUID botId, Exchange exchange) {
        for (BotOrder waiting : orders.dao().withStatus(botId, BotOrderStatus.NEW)) {
            if (waiting.replaces() == null && waiting.type() != app.tradebot.exchange.OrderType.PROTECT) {
                return; // the runner's to send; what follows it waits for it
            }
            Optional<BotOrder> sent = orders.send(waiting, Fence.none(), exchange, NOT_A_REPLAY);
            if (sent.isEmpty() || !sent.get().status().isFinal() && sent.get().status() != BotOrderStatus.OPEN
                    && sent.get().status() != BotOrderStatus.ARMED) {
                return;
            }
        }
    }

    /**
     * The account's trades in the symbol from the last one scanned (first: the first fill stored), page
     * by page: a fill of one of the bots' orders not stored yet is stored.
     */
    void ingestTrades(UUID accountId, String symbol, Exchange exchange) {
        Optional<Long> start = jdbi.withExtension(BotFillDao.class, dao -> dao.scanFrom(accountId, symbol));
        if (start.isEmpty()) {
            return;
        }
        long from = start.get();
        while (true) {
            List<Trade> trades = exchange.tradesFrom(symbol, from, PAGE);
            if (trades.isEmpty()) {
                return;
            }
            long next = trades.get(trades.size() - 1).id() + 1;
            jdbi.useTransaction(h -> {
                BotOrderDao dao = h.attach(BotOrderDao.class);
                for (Trade trade : trades) {
                    if (trade.exchangeOrderId() == null) {
                        continue;
                    }
                    dao.byExchangeOrderId(accountId, symbol, trade.exchangeOrderId())
                            .ifPresent(row -> orders.storeFills(h, row, List.of(trade), NOT_A_REPLAY));
                }
                h.attach(BotFillDao.class).advance(accountId, symbol, next);
            });
            if (trades.size() < PAGE) {
                return;
            }
            from = next;
        }
    }

    private static BotEventType typeOf(BotOrderStatus status) {
        return switch (status) {
            case FILLED -> BotEventType.ORDER_FILLED;
            case CANCELED -> BotEventType.ORDER_CANCELED;
            case EXPIRED -> BotEventType.ORDER_EXPIRED;
            case REJECTED -> BotEventType.ORDER_REJECTED;
            default -> BotEventType.ORDER_FILLED;
        };
    }

    private void pause() {
        if (properties.lookupPause().isZero()) {
            return;
        }
        try {
            Thread.sleep(properties.lookupPause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
