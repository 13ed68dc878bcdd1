package app.tradebot.exchange.binance;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.FakeBinance.Failure;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.OrderStatus;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Placement;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.Trade;
import app.tradebot.exchange.Venue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order path's send ({@code Exchange.place}) and look-ups against the fake Binance: FULL answers
 * with their fills, definite refusals, and every way a send can end without an answer — never sent twice.
 */
class BinancePlaceIT {

    static final String KEY = "placeKey1";
    static final String SECRET = "placeSecret1";

    private final FakeBinance binance = FakeBinance.start().addKey(KEY, SECRET, new KeyPermissions(true, true, false));
    private final URI url = URI.create(binance.baseUrl());
    private final BinanceConnector connector = new BinanceConnector(new BinanceProperties(url, url, Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofMillis(500), 6000, 0.8, Duration.ofSeconds(5), 2, Duration.ofMillis(10),
            Duration.ofMinutes(10), 50, 100, Duration.ofSeconds(30)), Clock.systemUTC(), Sleeper.REAL, new Random(7));
    private final Exchange exchange = connector.exchange(Venue.BINANCE, UUID.randomUUID(), new ApiCredentials(KEY, SECRET));

    @AfterEach
    void close() {
        binance.close();
    }

    private void funded() {
        binance.setBalance(KEY, "USDT", new BigDecimal("10000"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
    }

    @Test
    void anAcceptedMarketOrderComesWithItsFillsAndCommissions() {
        funded();

        Placement placement = exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.0123456"), "full-1"));

        assertThat(placement).isInstanceOf(Placement.Accepted.class);
        Placement.Accepted accepted = (Placement.Accepted) placement;
        assertThat(accepted.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(accepted.order().quantity()).isEqualByComparingTo("0.01234");
        assertThat(accepted.fills()).singleElement().satisfies(fill -> {
            assertThat(fill.price()).isEqualByComparingTo("30000");
            assertThat(fill.quantity()).isEqualByComparingTo("0.01234");
            assertThat(fill.quoteQuantity()).isEqualByComparingTo("370.2");
            assertThat(fill.commission()).isEqualByComparingTo("0.00001234");
            assertThat(fill.commissionAsset()).isEqualTo("BTC");
            assertThat(fill.exchangeOrderId()).isEqualTo(accepted.order().exchangeOrderId());
            assertThat(fill.side()).isEqualTo(Side.BUY);
        });
        var sent = binance.requests("POST", "/api/v3/order");
        assertThat(sent).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("newOrderRespType", "FULL")
                .containsEntry("newClientOrderId", "full-1"));
        // No look-up before or after: the order path's claim makes this the only send.
        assertThat(binance.requests("GET", "/api/v3/order")).isEmpty();
        // The same fill, read back by order id and by trade id.
        List<Trade> byOrder = exchange.orderTrades("BTCUSDT", accepted.order().exchangeOrderId());
        assertThat(byOrder).extracting(Trade::id).containsExactly(accepted.fills().get(0).id());
        assertThat(exchange.tradesFrom("BTCUSDT", accepted.fills().get(0).id(), 10)).extracting(Trade::id)
                .containsExactly(accepted.fills().get(0).id());
        assertThat(exchange.tradesFrom("BTCUSDT", accepted.fills().get(0).id() + 1, 10)).isEmpty();
    }

    @Test
    void aRefusalKeepsBinancesCodeAndMessage() {
        binance.setBalance(KEY, "USDT", new BigDecimal("10"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));

        Placement placement = exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "poor-1"));

        assertThat(placement).isEqualTo(new Placement.Rejected(400, -2010, "Account has insufficient balance for requested action."));
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
    }

    @Test
    void anOrderBelowTheFiltersIsRefusedBeforeAnythingIsSent() {
        funded();

        Placement placement = exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.0001"), "tiny-1"));

        assertThat(placement).isInstanceOfSatisfying(Placement.Rejected.class, r -> {
            assertThat(r.httpStatus()).isZero();
            assertThat(r.code()).isEqualTo(-1013);
            assertThat(r.message()).contains("NOTIONAL");
        });
        assertThat(binance.requests("POST", "/api/v3/order")).isEmpty();
    }

    @Test
    void anyTypeButMarketAndLimitIsRefusedWithTheReason() {
        funded();

        Placement placement = exchange.place(new OrderRequest("BTCUSDT", Side.SELL, OrderType.STOP_LOSS, new BigDecimal("0.01"),
                null, new BigDecimal("29000"), "stop-1"));

        assertThat(placement).isInstanceOfSatisfying(Placement.Rejected.class,
                r -> assertThat(r.message()).contains("MARKET and LIMIT").contains("closed candle"));
        assertThat(binance.requests("POST", "/api/v3/order")).isEmpty();
    }

    @Test
    void acceptedThenTimedOutIsUnknownAndNotSentAgain() {
        funded();
        binance.failNext("POST", "/api/v3/order", 1, Failure.slowAnswerAfterProcessing(Duration.ofMillis(1500)));

        Placement placement = exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "slow-1"));

        assertThat(placement).isInstanceOfSatisfying(Placement.Unknown.class, u -> assertThat(u.reason()).contains("500 ms"));
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
        assertThat(binance.orderStatus(KEY, "slow-1")).contains("FILLED");
    }

    @Test
    void acceptedThen500IsUnknown() {
        funded();
        binance.failNext("POST", "/api/v3/order", 1, Failure.serverErrorAfterProcessing(500));

        assertThat(exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "e500-1")))
                .isInstanceOfSatisfying(Placement.Unknown.class, u -> assertThat(u.reason()).contains("execution status unknown"));
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
        assertThat(binance.orderCount(KEY)).isEqualTo(1);
    }

    @Test
    void refusedWith500IsUnknownToo() {
        funded();
        binance.failNext("POST", "/api/v3/order", 1, Failure.serverError(503));

        assertThat(exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "e503-1")))
                .isInstanceOf(Placement.Unknown.class);
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
        assertThat(binance.orderCount(KEY)).isZero();
    }

    @Test
    void aConnectionDroppedBeforeOrAfterTheOrderTookEffectIsUnknown() {
        funded();
        binance.failNext("POST", "/api/v3/order", 1, Failure.dropped());
        assertThat(exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "drop-1")))
                .isInstanceOf(Placement.Unknown.class);
        assertThat(binance.orderStatus(KEY, "drop-1")).isEmpty();

        binance.failNext("POST", "/api/v3/order", 1, Failure.droppedAfterProcessing());
        assertThat(exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "drop-2")))
                .isInstanceOf(Placement.Unknown.class);
        assertThat(binance.orderStatus(KEY, "drop-2")).contains("FILLED");
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(2);
    }

    @Test
    void binanceTakesAFilledOrdersIdAgainWhichIsWhyPlaceNeverResends() {
        funded();
        Placement first = exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "again-1"));
        Placement second = exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "again-1"));

        // Binance (and the fake) accept it: two orders under one id. Only the order path's claim prevents this.
        assertThat(first).isInstanceOf(Placement.Accepted.class);
        assertThat(second).isInstanceOf(Placement.Accepted.class);
        assertThat(binance.orders(KEY)).extracting(FakeBinance.PlacedOrder::clientOrderId).containsExactly("again-1", "again-1");
        // An open order's id is refused as a duplicate: unknown, for the reconciliation to adopt.
        binance.setBalance(KEY, "USDT", new BigDecimal("10000"));
        exchange.place(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.01"), new BigDecimal("20000"), "open-1"));
        assertThat(exchange.place(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.01"), new BigDecimal("20000"),
                "open-1"))).isInstanceOfSatisfying(Placement.Unknown.class, u -> assertThat(u.reason()).contains("Duplicate"));
    }

    @Test
    void ordersFromListsTheAccountsOrdersOldestFirstAndLookUpsMayMissANewOrderForAWhile() {
        funded();
        binance.hideNewOrders(2);
        Instant before = binance.now().minusSeconds(1);
        exchange.place(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "hidden-1"));
        exchange.place(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.01"), new BigDecimal("20000"), "hidden-2"));

        assertThat(exchange.findOrder("BTCUSDT", "hidden-1")).isEmpty();
        assertThat(exchange.findOrder("BTCUSDT", "hidden-1")).isEmpty();
        assertThat(exchange.findOrder("BTCUSDT", "hidden-1")).get().extracting(Order::status).isEqualTo(OrderStatus.FILLED);
        List<Order> listed = exchange.ordersFrom("BTCUSDT", before, 10);
        assertThat(listed).extracting(Order::clientOrderId).containsExactly("hidden-1", "hidden-2");
        assertThat(listed).extracting(Order::status).containsExactly(OrderStatus.FILLED, OrderStatus.NEW);
        assertThat(exchange.ordersFrom("BTCUSDT", binance.now().plusSeconds(5), 10)).isEmpty();
        // Binance answers at most a day per call: the window is said.
        var allOrders = binance.requests("GET", "/api/v3/allOrders").get(0);
        assertThat(Long.parseLong(allOrders.params().get("endTime")) - Long.parseLong(allOrders.params().get("startTime")))
                .isEqualTo(86_400_000L - 1);
    }

    @Test
    void typesAndStatusesThisCodeDoesNotKnowAreReadNotFatal() {
        assertThat(OrderType.of("LIMIT_MAKER")).isEqualTo(OrderType.LIMIT_MAKER);
        assertThat(OrderType.of("OCO_SOMETHING_NEW")).isEqualTo(OrderType.UNKNOWN);
        assertThat(OrderStatus.of("PENDING_NEW")).isEqualTo(OrderStatus.PENDING_NEW);
        assertThat(OrderStatus.of("EXPIRED_IN_MATCH").isFinal()).isTrue();
        assertThat(OrderStatus.of("SOMETHING_NEW")).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(OrderStatus.of("SOMETHING_NEW").isFinal()).isFalse();
        Order order = BinanceJson.order(tools.jackson.databind.json.JsonMapper.builder().build().readTree("""
                {"symbol":"BTCUSDT","orderId":7,"clientOrderId":"x","price":"0","origQty":"1","executedQty":"0",
                 "cummulativeQuoteQty":"0","status":"PENDING_NEW","type":"STOP_LOSS_LIMIT","side":"SELL","time":1,"updateTime":2}
                """));
        assertThat(order.type()).isEqualTo(OrderType.STOP_LOSS_LIMIT);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_NEW);
        assertThat(order.side()).isEqualTo(Side.SELL);
    }
}
