package app.tradebot.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import app.tradebot.exchange.FakeBinance.Failure;
import app.tradebot.exchange.FakeBinance.PlacedOrder;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protective exits on a Binance account, through the order path against the fake Binance: the PROTECT
 * intent after a buy is priced off the position's average cost and held by the bot (ARMED, nothing sent),
 * checked against each closed candle by the fill model's rule, and a candle that reaches it records one
 * MARKET sell-all under a client order id of its own, whatever is checked again or fails on the way.
 */
class BotExitsIT {

    private final OrdersFixture f = new OrdersFixture();
    private final BotOrders orders = f.orders();
    private final ReconcileOrders reconcile = f.reconcile(orders);
    private final Instant candle = Instant.parse("2026-01-01T00:00:00Z").plus((long) (Math.random() * 1e6), ChronoUnit.MINUTES)
            .truncatedTo(ChronoUnit.MINUTES);

    @AfterEach
    void close() {
        f.close();
    }

    private List<PlacedOrder> exchangeOrders() {
        return f.binance.orders(OrdersFixture.KEY);
    }

    private Kline kline(int minutesAfter, String open, String high, String low, String close) {
        Instant at = candle.plus(minutesAfter, ChronoUnit.MINUTES);
        return new Kline(at, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low), new BigDecimal(close),
                BigDecimal.ONE, at.plusSeconds(60).minusMillis(1));
    }

    /** A buy of 3,000 USDT at 30,000 (0.1 BTC less its 0.0001 BTC fee) with these exits, sent. */
    private List<BotOrder> buyWithExits(BotRef bot, String stopLoss, String takeProfit, String trailing) {
        f.record(orders, bot, candle, List.of(OrderIntent.marketQuote(new BigDecimal("3000"), "buy"),
                OrderIntent.protect(stopLoss == null ? null : new BigDecimal(stopLoss),
                        takeProfit == null ? null : new BigDecimal(takeProfit), trailing == null ? null : new BigDecimal(trailing),
                        "exits of the buy")));
        return orders.sendPending(bot, Fence.none(), f.exchange);
    }

    @Test
    void aStopLossIsHeldByTheBotAndTheCandleThatReachesItSellsOnceAtMarket() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        List<BotOrder> sent = buyWithExits(bot, "0.05", "0.2", null);

        assertThat(sent).extracting(BotOrder::status).containsExactly(BotOrderStatus.FILLED, BotOrderStatus.ARMED);
        BotOrder armed = sent.get(1);
        // average cost 3000 / 0.0999 = 30030.03003…: the stop 5 % below, down to the tick; the target 20 % above, up
        assertThat(armed.type()).isEqualTo(OrderType.PROTECT);
        assertThat(armed.sentQuantity()).isEqualByComparingTo("0.0999");
        assertThat(armed.stopPrice()).isEqualByComparingTo("28528.52");
        assertThat(armed.takeProfitPrice()).isEqualByComparingTo("36036.04");
        assertThat(armed.exchangeOrderId()).isNull();
        assertThat(exchangeOrders()).as("the protection is not sent to Binance").hasSize(1);
        assertThat(orders.openOrderCount(bot.botId())).isEqualTo(1);
        assertThat(orders.unresolvedOnAccount(f.accountId)).as("nothing of it on the exchange: keys may change").isFalse();

        // the decision's own candle is not checked; a candle above the stop only moves the check on
        assertThat(orders.checkExits(bot, f.exchange, kline(0, "30000", "30100", "20000", "30000"))).isFalse();
        assertThat(orders.checkExits(bot, f.exchange, kline(1, "30000", "31000", "28600", "30500"))).isFalse();
        assertThat(f.row(armed.id()).status()).isEqualTo(BotOrderStatus.ARMED);
        assertThat(f.row(armed.id()).checkedUntil()).isEqualTo(candle.plus(1, ChronoUnit.MINUTES));

        Kline reaching = kline(2, "30400", "30500", "28528.52", "28600");
        assertThat(orders.checkExits(bot, f.exchange, reaching)).isTrue();
        // the same candle again, a later one: the protection fired already, nothing more is recorded
        assertThat(orders.checkExits(bot, f.exchange, reaching)).isFalse();
        assertThat(orders.checkExits(bot, f.exchange, kline(3, "28000", "28100", "20000", "20000"))).isFalse();
        assertThat(f.row(armed.id()).status()).isEqualTo(BotOrderStatus.TRIGGERED);

        f.binance.setPrice("BTCUSDT", new BigDecimal("28500"));
        List<BotOrder> exit = orders.sendPending(bot, Fence.none(), f.exchange);
        assertThat(exit).singleElement().satisfies(o -> {
            assertThat(o.clientOrderId()).isEqualTo(ClientOrderIds.of(bot.botId(), reaching.openTime(), BotOrders.EXIT_INDEX, 0));
            assertThat(o.side()).isEqualTo(Side.SELL);
            assertThat(o.type()).isEqualTo(OrderType.MARKET);
            assertThat(o.status()).isEqualTo(BotOrderStatus.FILLED);
            assertThat(o.sentQuantity()).isEqualByComparingTo("0.0999");
        });
        assertThat(exchangeOrders()).extracting(PlacedOrder::side).containsExactly("BUY", "SELL");
        assertThat(orders.position(bot.botId()).flat()).isTrue();
        assertThat(orders.openOrderCount(bot.botId())).isZero();
        assertThat(f.eventTypes(bot.botId())).containsSubsequence(BotEventType.ORDER_FILLED, BotEventType.EXIT_ARMED,
                BotEventType.EXIT_TRIGGERED, BotEventType.ORDER_FILLED);
    }

    @Test
    void aTakeProfitNeedsACandleThatTradesThroughIt() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        BotOrder armed = buyWithExits(bot, null, "0.2", null).get(1);

        assertThat(orders.checkExits(bot, f.exchange, kline(1, "30000", "36036.04", "29000", "36000"))).as("touched").isFalse();
        assertThat(orders.checkExits(bot, f.exchange, kline(2, "36000", "36036.05", "29000", "36000"))).isTrue();
        assertThat(f.row(armed.id()).reason()).contains("take-profit");
    }

    @Test
    void theTrailingMarkRisesOnlyAfterACandlesCheckAndIsKept() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        BotOrder armed = buyWithExits(bot, null, null, "0.1").get(1);
        assertThat(armed.highWater()).as("starts at the price when placed").isEqualByComparingTo("30000");

        // a candle whose own high would put the stop at 31,500 does not reach it: the mark rises after the check
        assertThat(orders.checkExits(bot, f.exchange, kline(1, "30000", "35000", "29000", "34000"))).isFalse();
        assertThat(f.row(armed.id()).highWater()).isEqualByComparingTo("35000");
        // the next one does: 35,000 × 0.9 = 31,500
        assertThat(orders.checkExits(bot, f.exchange, kline(2, "34000", "34100", "31500", "31600"))).isTrue();
        assertThat(f.row(armed.id()).reason()).contains("trailing-stop");
    }

    @Test
    void aSellANewBuyAndCancellingTakeTheHeldProtectionAway() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        BotOrder first = buyWithExits(bot, "0.05", null, null).get(1);

        // a second buy with exits replaces the protection: the first goes, the new one covers all the bot holds
        f.record(orders, bot, candle.plus(1, ChronoUnit.MINUTES), List.of(OrderIntent.marketQuote(new BigDecimal("3000"), "more"),
                OrderIntent.protect(new BigDecimal("0.05"), null, null, "exits")));
        List<BotOrder> again = orders.sendPending(bot, Fence.none(), f.exchange);
        assertThat(f.row(first.id()).status()).isEqualTo(BotOrderStatus.CANCELED);
        assertThat(again.get(1).status()).isEqualTo(BotOrderStatus.ARMED);
        assertThat(again.get(1).sentQuantity()).isEqualByComparingTo("0.1998");

        // a signal's sell takes it away before it is sent, so the candle after it has nothing left to check
        f.record(orders, bot, candle.plus(2, ChronoUnit.MINUTES), List.of(OrderIntent.sellAll("exit")));
        assertThat(orders.sendPending(bot, Fence.none(), f.exchange)).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(BotOrderStatus.FILLED));
        assertThat(f.row(again.get(1).id()).status()).isEqualTo(BotOrderStatus.CANCELED);
        assertThat(orders.checkExits(bot, f.exchange, kline(3, "1000", "1000", "1000", "1000"))).isFalse();
        assertThat(exchangeOrders()).extracting(PlacedOrder::side).containsExactly("BUY", "BUY", "SELL");

        // stopping with cancelOrders disarms a held protection without asking Binance
        BotRef other = f.bot(Duration.ofMinutes(5));
        BotOrder held = buyWithExits(other, "0.05", null, null).get(1);
        int requests = f.binance.requests().size();
        assertThat(orders.cancelOpen(other, Fence.none(), f.exchange)).extracting(BotOrder::id).containsExactly(held.id());
        assertThat(f.row(held.id()).status()).isEqualTo(BotOrderStatus.CANCELED);
        assertThat(f.binance.requests("DELETE", "/api/v3/order")).isEmpty();
        assertThat(f.binance.requests().size()).isEqualTo(requests);
    }

    @Test
    void anExitWhoseSendEndsUnknownIsFoundByTheReconciliationAndNeverSoldTwice() {
        BotRef bot = f.bot(Duration.ofHours(1));
        buyWithExits(bot, "0.05", null, null);
        assertThat(orders.checkExits(bot, f.exchange, kline(1, "30000", "30000", "28000", "28100"))).isTrue();

        f.binance.failNext("POST", "/api/v3/order", 1, Failure.slowAnswerAfterProcessing(Duration.ofMillis(1200)));
        f.binance.hideNewOrders(2);
        BotOrder unknown = orders.sendPending(bot, Fence.none(), f.exchange).get(0);
        assertThat(unknown.status()).isEqualTo(BotOrderStatus.UNKNOWN);
        assertThat(f.triggered).containsExactly(f.accountId);

        // the runner comes back on the next candle: nothing new fires, the exit in doubt is not sent again
        assertThat(orders.checkExits(bot, f.exchange, kline(2, "28000", "28000", "27000", "27000"))).isFalse();
        assertThat(orders.sendPending(bot, Fence.none(), f.exchange)).isEmpty();
        reconcile.reconcile(f.accountId);

        assertThat(f.row(unknown.id()).status()).isEqualTo(BotOrderStatus.FILLED);
        assertThat(exchangeOrders()).extracting(PlacedOrder::side).containsExactly("BUY", "SELL");
        assertThat(orders.position(bot.botId()).flat()).isTrue();
    }

    @Test
    void aProtectionAfterABuyInDoubtIsSentByTheReconciliationOnceTheBuyIsFound() {
        f.binance.failNext("POST", "/api/v3/order", 1, Failure.slowAnswerAfterProcessing(Duration.ofMillis(1200)));
        f.binance.hideNewOrders(2);
        BotRef bot = f.bot(Duration.ofHours(1));
        List<BotOrder> sent = buyWithExits(bot, "0.05", null, null);
        assertThat(sent).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(BotOrderStatus.UNKNOWN));

        reconcile.reconcile(f.accountId);

        List<BotOrder> rows = f.rowsOf(bot.botId());
        assertThat(rows).extracting(BotOrder::status).containsExactly(BotOrderStatus.FILLED, BotOrderStatus.ARMED);
        assertThat(rows.get(1).sentQuantity()).isEqualByComparingTo("0.0999");
        assertThat(exchangeOrders()).hasSize(1);
    }

    @Test
    void nothingToProtectIsSkippedNotRefused() {
        BotRef bot = f.bot(Duration.ofMinutes(5));
        f.record(orders, bot, candle, List.of(OrderIntent.protect(new BigDecimal("0.05"), null, null, "exits")));

        assertThat(orders.sendPending(bot, Fence.none(), f.exchange)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(BotOrderStatus.REJECTED);
            assertThat(o.skipped()).isTrue();
            assertThat(o.rejectMessage()).startsWith("nothing to protect");
        });
        assertThat(f.binance.requests("POST", "/api/v3/order")).isEmpty();
        assertThat(f.eventTypes(bot.botId())).containsExactly(BotEventType.ORDER_SKIPPED);
    }
}
