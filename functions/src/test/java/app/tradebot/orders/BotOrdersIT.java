package app.tradebot.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.tradebot.exchange.FakeBinance.Failure;
import app.tradebot.exchange.FakeBinance.PlacedOrder;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.Placement;
import app.tradebot.exchange.Side;
import app.tradebot.runtime.RequestIds;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.MDC;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exactly-once order path over the real PostgreSQL and the Binance connector against the fake Binance. */
class BotOrdersIT {

    private final OrdersFixture f = new OrdersFixture();
    private final BotOrders orders = f.orders();
    private final ReconcileOrders reconcile = f.reconcile(orders);
    private final Instant candle = Instant.parse("2026-01-01T00:00:00Z").plus((long) (Math.random() * 1e6), ChronoUnit.MINUTES);

    @AfterEach
    void close() {
        f.close();
    }

    private List<PlacedOrder> exchangeOrders() {
        return f.binance.orders(OrdersFixture.KEY);
    }

    @Test
    void recordingIsIdempotentAndTheClientOrderIdsAreDerivedFromTheSignal() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        List<OrderIntent> intents = List.of(OrderIntent.marketQuote(new BigDecimal("300"), "enter"),
                OrderIntent.limit(Side.SELL, new BigDecimal("0.01"), new BigDecimal("31000"), "take profit"));

        List<BotOrder> first = f.record(orders, bot, candle, intents);
        List<BotOrder> again = f.record(orders, bot, candle, intents);

        assertThat(first).hasSize(2).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(BotOrderStatus.NEW);
            assertThat(o.clientOrderId()).hasSizeLessThanOrEqualTo(36).matches("^[.A-Z:/a-z0-9_-]{1,36}$");
        });
        assertThat(again).extracting(BotOrder::id).containsExactlyElementsOf(first.stream().map(BotOrder::id).toList());
        assertThat(first.get(0).clientOrderId()).isEqualTo(ClientOrderIds.of(bot.botId(), candle, 0, 0))
                .isNotEqualTo(first.get(1).clientOrderId())
                .isNotEqualTo(ClientOrderIds.of(bot.botId(), candle, 0, 1))
                .isNotEqualTo(ClientOrderIds.of(f.bot(Duration.ZERO).botId(), candle, 0, 0));
        assertThat(f.binance.requests()).isEmpty();
    }

    /** What a loss limit over a day needs: the position as it was at the day's start, and PnL marked at a price. */
    @Test
    void thePositionAsOfATimeCountsOnlyTheFillsBeforeItAndItsPnlIsRealisedPlusMarked() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        // the fills are timed by the clock (not by the candle, which is random and may lie in the clock's future)
        Instant beforeAnyFill = f.clock.instant();
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));
        assertThat(orders.sendPending(bot, Fence.of(7, h -> true), f.exchange)).hasSize(1);
        f.clock.advance(Duration.ofMinutes(1));
        Instant between = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(1));
        f.binance.setPrice("BTCUSDT", new BigDecimal("31000"));
        f.record(orders, bot, candle.plus(1, ChronoUnit.MINUTES),
                List.of(OrderIntent.market(Side.SELL, new BigDecimal("0.005"), "half")));
        assertThat(orders.sendPending(bot, Fence.of(7, h -> true), f.exchange)).hasSize(1);

        BotPosition then = orders.positionBefore(bot.botId(), between);
        BotPosition now = orders.position(bot.botId());

        assertThat(then.realisedPnl()).isZero();
        assertThat(then.quantity()).isGreaterThan(now.quantity());
        assertThat(now.quantity()).isPositive();
        assertThat(now.realisedPnl()).as("sold above the average cost").isPositive();
        // a sell keeps the average cost (to the 18-digit division's last places)
        assertThat(now.averageEntryPrice()).isCloseTo(then.averageEntryPrice(), org.assertj.core.api.Assertions.within(
                new BigDecimal("1e-15")));
        BigDecimal price = new BigDecimal("29000.5");
        assertThat(now.unrealisedPnl(price)).isEqualByComparingTo(price.subtract(now.averageEntryPrice()).multiply(now.quantity()));
        assertThat(now.pnl(price)).isEqualByComparingTo(now.realisedPnl().add(now.unrealisedPnl(price)));
        assertThat(now.unrealisedPnl(null)).as("no price, nothing marked").isZero();
        assertThat(BotPosition.NONE.pnl(price)).isZero();
        assertThat(orders.positionBefore(bot.botId(), beforeAnyFill)).isEqualTo(BotPosition.NONE);
    }

    @Test
    void anAcceptedMarketBuyStoresItsFillsAndThePositionIsNetOfTheBaseCommission() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.0100009"), "enter")));

        List<BotOrder> sent;
        // The request (or job run) being handled, as the queue consumers and the HTTP edge put it in the MDC.
        MDC.put(RequestIds.MDC_KEY, "req-42");
        try {
            sent = orders.sendPending(bot, Fence.of(7, h -> true), f.exchange);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }

        assertThat(sent).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(BotOrderStatus.FILLED);
            assertThat(o.sentQuantity()).isEqualByComparingTo("0.01");
            assertThat(o.fence()).isEqualTo(7L);
            assertThat(o.exchangeOrderId()).isNotNull();
            assertThat(o.executedQuantity()).isEqualByComparingTo("0.01");
        });
        assertThat(f.fillCount(bot.botId())).isEqualTo(1);
        BotPosition position = orders.position(bot.botId());
        assertThat(position.quantity()).isEqualByComparingTo("0.00999");
        assertThat(position.fees()).isEqualByComparingTo("0.3");
        assertThat(position.averageEntryPrice()).isEqualByComparingTo(new BigDecimal("300").divide(new BigDecimal("0.00999"),
                18, java.math.RoundingMode.HALF_EVEN));
        assertThat(position.flat()).isFalse();
        assertThat(f.eventTypes(bot.botId())).containsExactly(BotEventType.ORDER_FILLED);
        assertThat(f.audited).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(OrderAudit.SENT);
            assertThat(e.userId()).isEqualTo(f.userId);
            assertThat(e.requestId()).isEqualTo("req-42");
            assertThat(e.detail()).contains(sent.get(0).clientOrderId()).contains("filled");
        });
        assertThat(orders.orders(bot.botId(), null, 10).items()).extracting(BotOrderView::status)
                .containsExactly(BotOrderStatus.FILLED);
        assertThat(orders.fills(bot.botId(), null, 10).items()).singleElement()
                .satisfies(fill -> assertThat(fill.commissionAsset()).isEqualTo("BTC"));
    }

    @Test
    void sellAllSellsThePositionRoundedDownToTheStepAndDustCountsAsFlat() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));
        orders.sendPending(bot, Fence.none(), f.exchange);

        f.record(orders, bot, candle.plusSeconds(60), List.of(OrderIntent.sellAll("exit")));
        List<BotOrder> sold = orders.sendPending(bot, Fence.none(), f.exchange);

        assertThat(sold).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(BotOrderStatus.FILLED);
            assertThat(o.sentQuantity()).isEqualByComparingTo("0.00999");
        });
        BotPosition flat = orders.position(bot.botId());
        assertThat(flat.quantity()).isEqualByComparingTo("0");
        assertThat(flat.flat()).isTrue();
        // 0.00999 bought for 300 plus its 0.3 fee in BTC, sold for 299.7 less 0.2997 USDT
        assertThat(flat.realisedPnl()).isEqualByComparingTo(new BigDecimal("299.7").subtract(new BigDecimal("0.2997"))
                .subtract(new BigDecimal("300")));

        f.record(orders, bot, candle.plusSeconds(120), List.of(OrderIntent.sellAll("again")));
        List<BotOrder> nothing = orders.sendPending(bot, Fence.none(), f.exchange);
        assertThat(nothing).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(BotOrderStatus.REJECTED);
            assertThat(o.rejectMessage()).contains("nothing to sell");
        });
        assertThat(exchangeOrders()).hasSize(2);
        assertThat(f.eventTypes(bot.botId())).endsWith(BotEventType.ORDER_SKIPPED);
    }

    @Test
    void aRefusalIsKeptWithBinancesCodeAndNeverSentAgain() {
        f.binance.setBalance(OrdersFixture.KEY, "USDT", new BigDecimal("10"));
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));

        BotOrder refused = orders.sendPending(bot, Fence.none(), f.exchange).get(0);
        f.clock.advance(Duration.ofHours(1));
        reconcile.reconcileAll();
        orders.sendPending(bot, Fence.none(), f.exchange);

        assertThat(f.row(refused.id())).satisfies(o -> {
            assertThat(o.status()).isEqualTo(BotOrderStatus.REJECTED);
            assertThat(o.rejectCode()).isEqualTo(-2010);
            assertThat(o.rejectMessage()).isEqualTo("Account has insufficient balance for requested action.");
        });
        assertThat(f.binance.requests("POST", "/api/v3/order")).hasSize(1);
        assertThat(f.rowsOf(bot.botId())).hasSize(1);
        assertThat(f.eventTypes(bot.botId())).containsExactly(BotEventType.ORDER_REJECTED);
    }

    @Test
    void acceptedThenTimedOutIsFoundByTheReconciliationAndNeverSentTwice() {
        f.binance.failNext("POST", "/api/v3/order", 1, Failure.slowAnswerAfterProcessing(Duration.ofMillis(1200)));
        f.binance.hideNewOrders(2);
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));

        BotOrder unknown = orders.sendPending(bot, Fence.none(), f.exchange).get(0);
        assertThat(unknown.status()).isEqualTo(BotOrderStatus.UNKNOWN);
        assertThat(f.triggered).containsExactly(f.accountId);

        reconcile.reconcile(f.accountId);

        BotOrder found = f.row(unknown.id());
        assertThat(found.status()).isEqualTo(BotOrderStatus.FILLED);
        assertThat(f.fillCount(bot.botId())).isEqualTo(1);
        assertThat(exchangeOrders()).hasSize(1);
        assertThat(f.eventTypes(bot.botId())).containsExactly(BotEventType.ORDER_UNKNOWN, BotEventType.ORDER_FOUND);
        assertThat(f.audited).extracting(e -> e.type()).containsExactly(OrderAudit.SENT, OrderAudit.RESOLVED);
    }

    @Test
    void refusedWith500IsMarkedNotPlacedOnlyAfterTheReceiveWindowThenSentAgainUnderANewId() {
        f.binance.failNext("POST", "/api/v3/order", 1, Failure.serverError(500));
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));
        BotOrder unknown = orders.sendPending(bot, Fence.none(), f.exchange).get(0);

        reconcile.reconcile(f.accountId);
        assertThat(f.row(unknown.id()).status()).as("within the receive window").isEqualTo(BotOrderStatus.UNKNOWN);
        assertThat(f.row(unknown.id()).lookupMisses()).isEqualTo(1);
        // Another order of the bot waits while this one is in doubt.
        f.record(orders, bot, candle.plusSeconds(60), List.of(OrderIntent.sellAll("exit")));
        assertThat(orders.sendPending(bot, Fence.none(), f.exchange)).isEmpty();

        f.clock.advance(Duration.ofSeconds(5 + 1 + 30));
        reconcile.reconcile(f.accountId);

        List<BotOrder> rows = f.rowsOf(bot.botId());
        assertThat(rows).extracting(BotOrder::status).containsExactly(BotOrderStatus.NOT_PLACED, BotOrderStatus.NEW,
                BotOrderStatus.FILLED);
        BotOrder resent = rows.get(2);
        assertThat(resent.replaces()).isEqualTo(unknown.id());
        assertThat(resent.attempt()).isEqualTo(1);
        assertThat(resent.clientOrderId()).isNotEqualTo(unknown.clientOrderId());
        assertThat(exchangeOrders()).extracting(PlacedOrder::clientOrderId).containsExactly(resent.clientOrderId());
        assertThat(f.eventTypes(bot.botId())).containsExactly(BotEventType.ORDER_UNKNOWN, BotEventType.ORDER_NOT_PLACED,
                BotEventType.SIGNAL_RESENT, BotEventType.ORDER_FILLED);
    }

    @Test
    void aSignalOlderThanMaxSignalAgeIsDroppedNotSentAgain() {
        f.binance.failNext("POST", "/api/v3/order", 1, Failure.dropped());
        BotRef bot = f.bot(Duration.ofSeconds(20));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));
        BotOrder unknown = orders.sendPending(bot, Fence.none(), f.exchange).get(0);
        assertThat(unknown.status()).isEqualTo(BotOrderStatus.UNKNOWN);

        f.clock.advance(Duration.ofMinutes(2));
        reconcile.reconcile(f.accountId);

        assertThat(f.rowsOf(bot.botId())).extracting(BotOrder::status).containsExactly(BotOrderStatus.NOT_PLACED);
        assertThat(exchangeOrders()).isEmpty();
        assertThat(f.eventTypes(bot.botId())).containsExactly(BotEventType.ORDER_UNKNOWN, BotEventType.ORDER_NOT_PLACED,
                BotEventType.SIGNAL_DROPPED);
        assertThat(f.audited).last().satisfies(e -> assertThat(e.detail()).contains("dropped"));
    }

    /**
     * The proof: a MARKET buy filled, and the worker died before storing the answer. Binance would take
     * its client order id again (the order is no longer open), so sending it again would buy twice.
     * However long it takes and however often the look-ups miss for a while, it is found and adopted.
     */
    @Test
    void aFilledMarketOrderWhoseIdBinanceWouldAcceptAgainIsNeverBoughtTwice() {
        f.binance.hideNewOrders(5); // more misses than one reconciliation's look-ups
        BotRef bot = f.bot(Duration.ofHours(1));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));
        BotOrders dying = f.orders(new SendHooks() {
            @Override
            public void answered(BotOrder order, Placement placement) {
                throw new Killed();
            }
        });
        assertThatThrownBy(() -> dying.sendPending(bot, Fence.none(), f.exchange)).isInstanceOf(Killed.class);
        BotOrder lost = f.rowsOf(bot.botId()).get(0);
        assertThat(lost.status()).isEqualTo(BotOrderStatus.SENDING);
        // Binance would accept the id again: the danger is real.
        assertThat(f.exchange.findOrder("BTCUSDT", lost.clientOrderId())).isEmpty();
        assertThat(f.binance.orderStatus(OrdersFixture.KEY, lost.clientOrderId())).contains("FILLED");

        // A fresh worker and the reconciliation, long after every deadline.
        f.clock.advance(Duration.ofMinutes(10));
        orders.sendPending(bot, Fence.none(), f.exchange);
        reconcile.reconcileAll();
        reconcile.reconcileAll();

        assertThat(exchangeOrders()).singleElement().satisfies(o -> {
            assertThat(o.clientOrderId()).isEqualTo(lost.clientOrderId());
            assertThat(o.side()).isEqualTo("BUY");
        });
        assertThat(f.row(lost.id()).status()).isEqualTo(BotOrderStatus.FILLED);
        assertThat(f.rowsOf(bot.botId())).hasSize(1);
        assertThat(orders.position(bot.botId()).quantity()).isEqualByComparingTo("0.00999");
        assertThat(f.binance.balance(OrdersFixture.KEY, "BTC")).isEqualByComparingTo("0.00999");
    }

    @Test
    void anOrderFoundUnderOurIdButWithAnotherQuantityIsNotAdopted() {
        f.binance.failNext("POST", "/api/v3/order", 1, Failure.serverError(502));
        BotRef bot = f.bot(Duration.ofHours(1));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));
        BotOrder unknown = orders.sendPending(bot, Fence.none(), f.exchange).get(0);
        // Someone else's order under our id, for another quantity.
        assertThat(f.exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.02"), unknown.clientOrderId())))
                .isInstanceOf(Placement.Accepted.class);

        f.clock.advance(Duration.ofMinutes(10));
        reconcile.reconcile(f.accountId);

        BotOrder kept = f.row(unknown.id());
        assertThat(kept.status()).isEqualTo(BotOrderStatus.UNKNOWN);
        assertThat(kept.unknownReason()).contains("quantity 0.02, not 0.01");
        assertThat(f.fillCount(bot.botId())).isZero();
        assertThat(f.eventTypes(bot.botId())).containsExactly(BotEventType.ORDER_UNKNOWN, BotEventType.ORDER_MISMATCH);
        assertThat(exchangeOrders()).hasSize(1);
    }

    @Test
    void aLostFenceSendsNothingAndTwoSendersAtOnceSendOnce() throws Exception {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));

        assertThat(orders.sendPending(bot, h -> false, f.exchange)).isEmpty();
        assertThat(f.rowsOf(bot.botId())).extracting(BotOrder::status).containsExactly(BotOrderStatus.NEW);
        assertThat(f.binance.requests("POST", "/api/v3/order")).isEmpty();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<List<BotOrder>> sender = () -> {
                start.await();
                return f.orders().sendPending(bot, Fence.none(), f.exchange);
            };
            List<Future<List<BotOrder>>> results = List.of(pool.submit(sender), pool.submit(sender), pool.submit(sender),
                    pool.submit(sender));
            start.countDown();
            int sent = 0;
            for (Future<List<BotOrder>> result : results) {
                sent += result.get().size();
            }
            assertThat(sent).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.binance.requests("POST", "/api/v3/order")).hasSize(1);
        assertThat(f.rowsOf(bot.botId())).extracting(BotOrder::status).containsExactly(BotOrderStatus.FILLED);
    }

    @Test
    void anOpenLimitOrderIsFollowedUntilFilledAndCancelOpenCancelsTheRest() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.limit(Side.BUY, new BigDecimal("0.01"), new BigDecimal("29000"), "dip"),
                OrderIntent.limit(Side.BUY, new BigDecimal("0.01"), new BigDecimal("28000"), "deeper dip")));
        List<BotOrder> open = orders.sendPending(bot, Fence.none(), f.exchange);
        assertThat(open).extracting(BotOrder::status).containsExactly(BotOrderStatus.OPEN, BotOrderStatus.OPEN);
        assertThat(orders.openOrderCount(bot.botId())).isEqualTo(2);
        assertThat(orders.unresolvedOnAccount(f.accountId)).isTrue();

        f.binance.setPrice("BTCUSDT", new BigDecimal("28999"));
        reconcile.reconcile(f.accountId);
        assertThat(f.row(open.get(0).id()).status()).isEqualTo(BotOrderStatus.FILLED);
        assertThat(f.fillCount(bot.botId())).isEqualTo(1);
        assertThat(f.row(open.get(1).id()).status()).isEqualTo(BotOrderStatus.OPEN);

        f.record(orders, bot, candle.plusSeconds(60), List.of(OrderIntent.market(Side.SELL, new BigDecimal("0.005"), "later")));
        List<BotOrder> cancelled = orders.cancelOpen(bot, Fence.none(), f.exchange);

        assertThat(cancelled).extracting(BotOrder::status).containsExactly(BotOrderStatus.CANCELED, BotOrderStatus.CANCELED);
        assertThat(f.binance.orderStatus(OrdersFixture.KEY, open.get(1).clientOrderId())).contains("CANCELED");
        assertThat(f.binance.requests("POST", "/api/v3/order")).hasSize(2);
        assertThat(orders.openOrderCount(bot.botId())).isZero();
        assertThat(orders.unresolved(bot.botId())).isFalse();
        assertThat(f.audited).extracting(e -> e.type()).containsSubsequence(OrderAudit.CANCELLED, OrderAudit.CANCELLED);
    }

    @Test
    void anOrderInDoubtWhenTheBotsOrdersAreCancelledIsNotSentAgainIfNeverPlaced() {
        f.binance.failNext("POST", "/api/v3/order", 1, Failure.serverError(503));
        BotRef bot = f.bot(Duration.ofHours(1));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "enter")));
        BotOrder unknown = orders.sendPending(bot, Fence.none(), f.exchange).get(0);

        assertThat(orders.cancelOpen(bot, Fence.none(), f.exchange)).isEmpty();
        f.clock.advance(Duration.ofMinutes(5));
        reconcile.reconcile(f.accountId);

        assertThat(f.rowsOf(bot.botId())).extracting(BotOrder::status).containsExactly(BotOrderStatus.NOT_PLACED);
        assertThat(f.row(unknown.id()).maxSignalAgeMs()).isZero();
        assertThat(exchangeOrders()).isEmpty();
        assertThat(f.eventTypes(bot.botId())).containsExactly(BotEventType.ORDER_UNKNOWN, BotEventType.ORDER_UNKNOWN,
                BotEventType.ORDER_NOT_PLACED, BotEventType.SIGNAL_DROPPED);
        assertThat(f.events.page(bot.botId(), null, 10).items()).last()
                .satisfies(e -> assertThat(e.message()).contains("orders were cancelled"));
    }

    @Test
    void tradesAreIngestedFromTheLastOneSeenAndStoredOnce() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "a")));
        orders.sendPending(bot, Fence.none(), f.exchange);
        f.record(orders, bot, candle.plusSeconds(60), List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.02"), "b")));
        BotOrder second = orders.sendPending(bot, Fence.none(), f.exchange).get(0);
        OrdersFixture.JDBI.useHandle(h -> h.execute("delete from bot_fills where order_id = ?", second.id()));
        // A trade that is not a bot's (placed by hand) is skipped.
        f.exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.03"), "by-hand"));
        assertThat(f.fillCount(bot.botId())).isEqualTo(1);

        reconcile.ingestTrades(f.accountId, "BTCUSDT", f.exchange);
        reconcile.ingestTrades(f.accountId, "BTCUSDT", f.exchange);

        assertThat(f.fillCount(bot.botId())).isEqualTo(2);
        assertThat(orders.position(bot.botId()).quantity()).isEqualByComparingTo("0.02997");
    }

    @Test
    void pagesOfOrdersAndEventsFollowTheirCursors() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "a"),
                OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "b"), OrderIntent.market(Side.BUY, new BigDecimal("0.01"), "c")));
        orders.sendPending(bot, Fence.none(), f.exchange);

        Page<BotOrderView> first = orders.orders(bot.botId(), null, 2);
        Page<BotOrderView> second = orders.orders(bot.botId(), first.nextCursor(), 2);
        assertThat(first.items()).extracting(BotOrderView::reason).containsExactly("a", "b");
        assertThat(second.items()).extracting(BotOrderView::reason).containsExactly("c");
        assertThat(second.nextCursor()).isNull();
        Page<BotEventView> events = f.events.page(bot.botId(), null, 2);
        assertThat(events.items()).hasSize(2).allSatisfy(e -> assertThat(e.details()).containsKey("clientOrderId"));
        assertThat(f.events.page(bot.botId(), events.nextCursor(), 2).items()).hasSize(1);
        assertThatThrownBy(() -> orders.orders(bot.botId(), "x", 2)).isInstanceOf(IllegalArgumentException.class);
    }

    /** What a killed worker leaves behind: the call stops at that point. */
    static final class Killed extends RuntimeException {
    }
}
