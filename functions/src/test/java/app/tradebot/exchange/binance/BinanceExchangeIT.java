package app.tradebot.exchange.binance;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import app.tradebot.exchange.AccountSnapshot;
import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.FakeBinance.Failure;
import app.tradebot.exchange.FakeBinance.RecordedRequest;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.OrderStatus;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Trade;
import app.tradebot.exchange.Venue;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Binance connector against the fake Binance over real HTTP: what it sends, and what it makes of each answer. */
class BinanceExchangeIT {

    static final String KEY = "itKey1";
    static final String SECRET = "itSecret1";
    static final String OTHER_KEY = "itKey2";
    static final String OTHER_SECRET = "itSecret2";
    static final UUID ACCOUNT = UUID.randomUUID();
    static final UUID OTHER_ACCOUNT = UUID.randomUUID();

    private final FakeBinance binance = FakeBinance.start()
            .addKey(KEY, SECRET, new KeyPermissions(true, true, false))
            .addKey(OTHER_KEY, OTHER_SECRET, new KeyPermissions(true, false, true));
    private final URI url = URI.create(binance.baseUrl());
    private final BinanceConnector connector = new BinanceConnector(new BinanceProperties(url, url, Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(1), 6000, 0.8, Duration.ofSeconds(5), 2, Duration.ofMillis(10),
            Duration.ofMinutes(10), 50, 5, Duration.ofSeconds(30)), Clock.systemUTC(), Sleeper.REAL, new Random(7));
    private final Exchange exchange = connector.exchange(Venue.BINANCE, ACCOUNT, new ApiCredentials(KEY, SECRET));
    private final Exchange other = connector.exchange(Venue.BINANCE, OTHER_ACCOUNT, new ApiCredentials(OTHER_KEY, OTHER_SECRET));

    @AfterEach
    void close() {
        binance.close();
    }

    @Test
    void readsSymbolsWithTheirFiltersCandlesAndTickers() {
        // The shared market data beside the project (tests run in functions/).
        List<Kline> loaded = binance.loadKlines("ETHUSDT", Interval.M5,
                Path.of("src/test/resources/candles/binanceus-ethusd-5m-20230313-20230315.csv"));
        binance.setPrice("BTCUSDT", new BigDecimal("30123.45"));
        MarketData market = connector.marketData(Venue.BINANCE);

        SymbolRules btc = market.symbol("BTCUSDT").orElseThrow();
        assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
        assertThat(btc.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(btc.minQty()).isEqualByComparingTo("0.00001");
        assertThat(btc.minNotional()).isEqualByComparingTo("5");
        assertThat(btc.baseAsset()).isEqualTo("BTC");
        assertThat(btc.trading()).isTrue();
        assertThat(market.symbols()).extracting(SymbolRules::symbol).contains("BTCUSDT", "ETHUSDT", "LTCBTC");

        List<Kline> klines = market.klines("ETHUSDT", Interval.M5, loaded.get(10).openTime(), null, 3);
        assertThat(klines).usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .containsExactly(loaded.get(10), loaded.get(11), loaded.get(12));
        assertThat(market.ticker("BTCUSDT").price()).isEqualByComparingTo("30123.45");
        assertThat(market.ticker24h("BTCUSDT").lastPrice()).isEqualByComparingTo("30123.45");
        assertThat(Duration.between(market.serverTime(), binance.now()).abs()).isLessThan(Duration.ofSeconds(2));
        // exchangeInfo is reused, not fetched per call
        assertThat(binance.requests("GET", "/api/v3/exchangeInfo")).hasSize(1);
    }

    @Test
    void signedCallsCarryTheKeyATimestampAndAValidSignature() {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        binance.setBalance(KEY, "BTC", new BigDecimal("0"));

        AccountSnapshot account = exchange.account();

        assertThat(account.canTrade()).isTrue();
        assertThat(account.canWithdraw()).isFalse();
        assertThat(account.balances()).containsExactly(new Balance("USDT", new BigDecimal("1000"), BigDecimal.ZERO));
        RecordedRequest request = binance.requests("GET", "/api/v3/account").get(0);
        assertThat(request.apiKey()).isEqualTo(KEY);
        assertThat(request.params()).containsEntry("recvWindow", "5000").containsKeys("timestamp", "signature");
        assertThat(request.query()).endsWith("&signature=" + FakeBinance.sign(SECRET,
                request.query().substring(0, request.query().indexOf("&signature="))));
        assertThat(exchange.permissions()).isEqualTo(new KeyPermissions(true, true, false));
        assertThat(other.permissions()).isEqualTo(new KeyPermissions(true, false, true));
    }

    @Test
    void placesALimitOrderRoundedToTheFiltersThenFindsAndCancelsIt() {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));

        Order placed = exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.0012399"),
                new BigDecimal("30000.019"), "limit-1"));

        RecordedRequest post = binance.requests("POST", "/api/v3/order").get(0);
        assertThat(post.params()).containsEntry("quantity", "0.00123").containsEntry("price", "30000.01")
                .containsEntry("newClientOrderId", "limit-1").containsEntry("timeInForce", "GTC");
        assertThat(post.body()).contains("signature=");
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(placed.clientOrderId()).isEqualTo("limit-1");
        assertThat(placed.quantity()).isEqualByComparingTo("0.00123");
        assertThat(placed.price()).isEqualByComparingTo("30000.01");
        assertThat(exchange.findOrder("BTCUSDT", "limit-1")).get().extracting(Order::status).isEqualTo(OrderStatus.NEW);
        assertThat(exchange.openOrders("BTCUSDT")).extracting(Order::clientOrderId).containsExactly("limit-1");
        assertThat(exchange.openOrders(null)).hasSize(1);
        assertThat(binance.locked(KEY, "USDT")).isEqualByComparingTo("36.9000123");

        Order canceled = exchange.cancelOrder("BTCUSDT", "limit-1");

        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.clientOrderId()).isEqualTo("limit-1");
        assertThat(binance.balance(KEY, "USDT")).isEqualByComparingTo("1000");
        assertThat(exchange.openOrders("BTCUSDT")).isEmpty();
        assertThat(exchange.findOrder("BTCUSDT", "nobody")).isEmpty();
        assertThatThrownBy(() -> exchange.cancelOrder("BTCUSDT", "nobody")).isInstanceOf(OrderRejected.class)
                .hasMessage("Unknown order sent.");
    }

    @Test
    void aMarketOrderFillsAndItsTradeIsListed() {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));

        Order filled = exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.001"), "market-1"));

        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.price()).isNull();
        assertThat(filled.executedQuantity()).isEqualByComparingTo("0.001");
        assertThat(filled.cumulativeQuoteQuantity()).isEqualByComparingTo("30");
        List<Trade> trades = exchange.myTrades("BTCUSDT", null, 10);
        assertThat(trades).hasSize(1);
        assertThat(trades.get(0).side()).isEqualTo(Side.BUY);
        assertThat(trades.get(0).commission()).isEqualByComparingTo("0.000001");
        assertThat(trades.get(0).commissionAsset()).isEqualTo("BTC");
        assertThat(trades.get(0).exchangeOrderId()).isEqualTo(filled.exchangeOrderId());

        // Placing the same client order id again answers the filled order; Binance would take a second one.
        Order again = exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.001"), "market-1"));
        assertThat(again.exchangeOrderId()).isEqualTo(filled.exchangeOrderId());
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
        assertThat(binance.balance(KEY, "USDT")).isEqualByComparingTo("970");
    }

    @Test
    void anOrderBelowTheMinimumNotionalIsRefusedWithoutSendingIt() {
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));

        assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.0001"), "small-1")))
                .isInstanceOf(OrderRejected.class)
                .hasMessageContaining("below the minimum order value of 5 USDT")
                .satisfies(e -> assertThat(((OrderRejected) e).code()).isEqualTo(-1013));
        assertThat(binance.requests("POST", "/api/v3/order")).isEmpty();
    }

    @Test
    void binancesRefusalsKeepTheirCodeAndMessage() {
        binance.setBalance(KEY, "USDT", new BigDecimal("10"));

        assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"),
                new BigDecimal("30000"), "poor-1")))
                .isInstanceOf(OrderRejected.class)
                .hasMessage("Account has insufficient balance for requested action.")
                .satisfies(e -> assertThat(((OrderRejected) e).code()).isEqualTo(-2010));
        Exchange stranger = connector.exchange(Venue.BINANCE, UUID.randomUUID(), new ApiCredentials("unknownKey", "x"));
        assertThatThrownBy(stranger::account).isInstanceOf(ExchangeException.class)
                .hasMessage("Invalid API-key, IP, or permissions for action.")
                .satisfies(e -> assertThat(((ExchangeException) e).code()).isEqualTo(-2015));
        Exchange wrongSecret = connector.exchange(Venue.BINANCE, UUID.randomUUID(), new ApiCredentials(KEY, "wrong"));
        assertThatThrownBy(wrongSecret::account).isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).code()).isEqualTo(-1022));
        assertThatThrownBy(() -> other.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"),
                new BigDecimal("30000"), "no-trade-1"))).isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).code()).isEqualTo(-2015));
    }

    @Test
    void aTimestampOutsideTheReceiveWindowResyncsTheClockAndTriesOnce() {
        exchange.account();
        int timeCalls = binance.requests("GET", "/api/v3/time").size();
        binance.shiftClock(Duration.ofSeconds(10));

        exchange.account();

        assertThat(binance.requests("GET", "/api/v3/account")).hasSize(3);
        assertThat(binance.requests("GET", "/api/v3/time")).hasSize(timeCalls + 1);

        binance.failNext("GET", "/api/v3/account", 5, new Failure(400, Map.of(),
                "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}", Duration.ZERO, false));
        assertThatThrownBy(exchange::account).isInstanceOf(ExchangeException.class)
                .hasMessage("Timestamp for this request is outside of the recvWindow.");
        assertThat(binance.requests("GET", "/api/v3/account")).hasSize(5);
    }

    @Test
    void theClockOffsetIsMeasuredOverTheAnsweredRequestNotOverTheWaitsBeforeIt() {
        binance.failNext("GET", "/api/v3/time", 1, Failure.tooManyRequests(2));
        ServerClock clock = ((BinanceMarketData) connector.marketData(Venue.BINANCE)).http().clock();

        clock.sync();

        // The fake shares this machine's clock: the offset is next to nothing, not half of the 2 s waited.
        assertThat(binance.requests("GET", "/api/v3/time")).hasSize(2);
        assertThat(clock.offset().abs()).isLessThan(Duration.ofMillis(300));
    }

    @Test
    void aSignedCallThatWaitsForTheRateLimitIsStampedWhenItGoesNotBefore() {
        // A receive window shorter than the wait.
        BinanceConnector tight = new BinanceConnector(new BinanceProperties(url, url, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(3), 6000, 0.8, Duration.ofSeconds(5), 2, Duration.ofMillis(10),
                Duration.ofMinutes(10), 50, 5, Duration.ofSeconds(30)), Clock.systemUTC(), Sleeper.REAL, new Random(7));
        Exchange account = tight.exchange(Venue.BINANCE, ACCOUNT, new ApiCredentials(KEY, SECRET));
        account.account();
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        account.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("20000"), "wait-1"));
        // A cancel answered 429 is not retried; it leaves the gate waiting 2 s before the next call.
        binance.failNext("DELETE", "/api/v3/order", 1, Failure.tooManyRequests(2));
        assertThatThrownBy(() -> account.cancelOrder("BTCUSDT", "wait-1")).isInstanceOf(ExchangeException.class);
        binance.clearRequests();

        assertThat(account.account().canTrade()).isTrue();

        // Sent once, with a fresh timestamp: no -1021 and no clock resync.
        assertThat(binance.requests("GET", "/api/v3/account")).hasSize(1);
        assertThat(binance.requests("GET", "/api/v3/time")).isEmpty();
    }

    @Test
    void readsAreRetriedAfterServerErrorsAndGiveUpAfterTheRetries() {
        binance.failNext("GET", "/api/v3/account", 2, Failure.serverError(503));
        assertThat(exchange.account().canTrade()).isTrue();
        assertThat(binance.requests("GET", "/api/v3/account")).hasSize(3);

        binance.clearRequests();
        binance.failNext("GET", "/api/v3/account", 3, Failure.serverError(502));
        assertThatThrownBy(exchange::account).isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(502));
        assertThat(binance.requests("GET", "/api/v3/account")).hasSize(3);
    }

    @Test
    void anOrderWhoseAnswerTimedOutIsFoundByItsClientOrderIdNotSentAgain() {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
        binance.failNext("POST", "/api/v3/order", 1, Failure.slowAnswerAfterProcessing(Duration.ofSeconds(3)));

        Order order = exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.001"), "slow-1"));

        assertThat(order.clientOrderId()).isEqualTo("slow-1");
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
        assertThat(binance.requests("GET", "/api/v3/order")).extracting(r -> r.params().get("origClientOrderId"))
                .containsExactly("slow-1", "slow-1");
        assertThat(binance.orderCount(KEY)).isEqualTo(1);
        assertThat(binance.balance(KEY, "USDT")).isEqualByComparingTo("970");
    }

    @Test
    void anOrderPlacedDespiteAServerErrorIsFoundByItsClientOrderId() {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
        binance.failNext("POST", "/api/v3/order", 1, Failure.serverErrorAfterProcessing(503));

        Order order = exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"),
                new BigDecimal("20000"), "unknown-1"));

        assertThat(order.status()).isEqualTo(OrderStatus.NEW);
        assertThat(order.clientOrderId()).isEqualTo("unknown-1");
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
    }

    @Test
    void aRetriedOrderThatWasPlacedIsAnsweredEvenWhenItWouldNoLongerPassTheFilters() {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
        Order filled = exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.0002"), "moved-1"));
        // 0.0002 BTC was worth 6 USDT; at 20000 it is 4, below the minimum order value of 5.
        binance.setPrice("BTCUSDT", new BigDecimal("20000"));

        Order again = exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.0002"), "moved-1"));

        assertThat(again.exchangeOrderId()).isEqualTo(filled.exchangeOrderId());
        assertThat(again.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
        // A new id at the new price is still refused before anything is sent.
        assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.0002"), "moved-2")))
                .isInstanceOf(OrderRejected.class).hasMessageContaining("below the minimum order value");
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
    }

    @Test
    void anOrderWhoseServerErrorOpensTheBreakerIsStillLookedUp() {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
        // Three failed reads (each tried three times); the order's own 5xx is then the fourth failure in five calls.
        binance.failNext("GET", "/api/v3/account", 9, Failure.serverError(500));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(exchange::account).isInstanceOf(ExchangeException.class);
        }
        binance.failNext("POST", "/api/v3/order", 1, Failure.serverErrorAfterProcessing(503));

        Order order = exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.001"), "breaker-1"));

        assertThat(connector.breaker(ACCOUNT).getState().name()).isEqualTo("OPEN");
        assertThat(order.clientOrderId()).isEqualTo("breaker-1");
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(binance.orderCount(KEY)).isEqualTo(1);
    }

    @Test
    void theSameOrderSentTwiceAtOnceIsPlacedOnce() throws Exception {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
        // Both look-ups before sending answer late: each would find nothing and send. Binance takes a
        // filled order's client order id again, so two sends are two buys.
        binance.failNext("GET", "/api/v3/order", 2, Failure.slowAnswer(Duration.ofMillis(300)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Order> place = () -> {
                start.await();
                return exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.001"), "twice-1"));
            };
            Future<Order> first = pool.submit(place);
            Future<Order> second = pool.submit(place);
            start.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).exchangeOrderId()).isEqualTo(second.get(10, TimeUnit.SECONDS).exchangeOrderId());
        } finally {
            pool.shutdownNow();
        }
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
        assertThat(binance.balance(KEY, "USDT")).isEqualByComparingTo("970");
    }

    @Test
    void aCancelIsNotRetriedEither() {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        exchange.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("20000"), "keep-1"));
        binance.failNext("DELETE", "/api/v3/order", 1, Failure.serverError(502));

        assertThatThrownBy(() -> exchange.cancelOrder("BTCUSDT", "keep-1")).isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(502));
        assertThat(binance.requests("DELETE", "/api/v3/order")).hasSize(1);
        assertThat(binance.orderStatus(KEY, "keep-1")).contains("NEW");
    }

    @Test
    void theSpotTestNetworkHasNoSapiSoPermissionsComeFromTheAccount() {
        Exchange testnet = connector.exchange(Venue.BINANCE_TESTNET, UUID.randomUUID(), new ApiCredentials(KEY, SECRET));

        assertThat(testnet.permissions()).isEqualTo(new KeyPermissions(true, true, false));
        assertThat(binance.requests("GET", "/sapi/v1/account/apiRestrictions")).isEmpty();
        assertThat(binance.requests("GET", "/api/v3/account")).hasSize(1);
    }

    @Test
    void anOrderLostToAServerErrorIsNotSentAgain() {
        binance.setBalance(KEY, "USDT", new BigDecimal("1000"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
        binance.failNext("POST", "/api/v3/order", 1, Failure.serverError(503));

        assertThatThrownBy(() -> exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.001"), "lost-1")))
                .isInstanceOf(ExchangeException.class)
                .hasMessageContaining("it was not sent again");
        assertThat(binance.requests("POST", "/api/v3/order")).hasSize(1);
        assertThat(binance.orderCount(KEY)).isZero();

        // The caller's retry with the same id places it, once.
        assertThat(exchange.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.001"), "lost-1")).status())
                .isEqualTo(OrderStatus.FILLED);
        assertThat(binance.orderCount(KEY)).isEqualTo(1);
    }

    @Test
    void a429IsWaitedOutAndTheWeightUsedIsLearned() {
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
        binance.failNext("GET", "/api/v3/ticker/price", 1, Failure.tooManyRequests(1));
        Instant start = Instant.now();

        assertThat(connector.marketData(Venue.BINANCE).ticker("BTCUSDT").price()).isEqualByComparingTo("30000");

        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(binance.requests("GET", "/api/v3/ticker/price")).hasSize(2);
        binance.setUsedWeight(1234);
        connector.marketData(Venue.BINANCE).ticker("BTCUSDT");
        assertThat(gate().used()).isEqualTo(1236);
    }

    @Test
    void a418StopsEveryCallUntilTheBanEnds() {
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
        binance.failNext("GET", "/api/v3/ticker/price", 1, Failure.banned(120, Instant.now().plusSeconds(120)));

        assertThatThrownBy(() -> exchange.ticker("BTCUSDT")).isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(418));
        int seen = binance.requests().size();
        assertThatThrownBy(exchange::account).isInstanceOf(ExchangeException.class)
                .hasMessageContaining("banned this IP until")
                .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(418));
        assertThatThrownBy(other::account).isInstanceOf(ExchangeException.class).hasMessageContaining("banned this IP");
        assertThat(binance.requests()).hasSize(seen);
        assertThat(gate().bannedUntil()).isPresent();
    }

    @Test
    void anAccountsCircuitBreakerOpensAfterRepeatedFailuresAndSparesTheOthers() {
        binance.failNextFor(KEY, 100, Failure.serverError(500));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(exchange::account).isInstanceOf(ExchangeException.class)
                    .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(500));
        }
        int seen = binance.requests().size();

        assertThatThrownBy(exchange::account).isInstanceOf(ExchangeException.class)
                .hasMessageContaining("paused after repeated failures")
                .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(503));
        assertThat(binance.requests()).hasSize(seen);
        assertThat(other.account().canTrade()).isFalse();
        assertThat(connector.breaker(ACCOUNT).getState().name()).isEqualTo("OPEN");
        assertThat(connector.breaker(OTHER_ACCOUNT).getState().name()).isEqualTo("CLOSED");
    }

    private WeightGate gate() {
        return ((BinanceMarketData) connector.marketData(Venue.BINANCE)).http().gate();
    }
}
