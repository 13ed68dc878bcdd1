package app.tradebot.exchange.paper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.exchange.AccountSnapshot;
import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Exchanges;
import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.OrderStatus;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Placement;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Trade;
import app.tradebot.exchange.Venue;
import app.tradebot.exchange.fill.FillCosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Paper accounts through the {@link Exchanges} bean: prices from the fake Binance over HTTP, money in
 * the real Postgres ledger. Every test opens its own account; symbols used by LIMIT tests are their own
 * so one test's candles cannot fill another's orders.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PaperExchangeIT {

    static {
        TestServices.install();
    }

    static final FakeBinance BINANCE = FakeBinance.start()
            .addSymbol("SOLUSDT", "SOL", "USDT", "0.01", "0.01", "0.01", "5")
            .addSymbol("ADAUSDT", "ADA", "USDT", "0.0001", "0.1", "0.1", "5")
            .addSymbol("DOTUSDT", "DOT", "USDT", "0.001", "0.01", "0.01", "5");

    @DynamicPropertySource
    static void binance(DynamicPropertyRegistry registry) {
        BINANCE.registerBaseUrls(registry);
        // The defaults, stated: the figures below are computed from them.
        registry.add("tradebot.exchange.paper.slippage-bps", () -> "5");
        registry.add("tradebot.exchange.paper.taker-fee-bps", () -> "10");
        registry.add("tradebot.exchange.paper.maker-fee-bps", () -> "10");
    }

    @AfterAll
    static void close() {
        BINANCE.close();
    }

    @Autowired
    Exchanges exchanges;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaperExchanges paperExchanges;

    /** The account the test opened last. */
    private UUID accountId;

    private Exchange open(Map<String, BigDecimal> balances) {
        accountId = UUID.randomUUID();
        exchanges.openPaperAccount(accountId, balances);
        return exchanges.paper(accountId);
    }

    @Test
    void aMarketBuyFillsAtTheLatestPricePlusSlippageAndPaysTheTakerFeeInTheAssetBought() {
        BINANCE.setPrice("BTCUSDT", new BigDecimal("30000"));
        Exchange paper = open(Map.of("USDT", new BigDecimal("1000")));

        Order order = paper.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.0100049"), "buy-1"));

        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.quantity()).isEqualByComparingTo("0.01");
        assertThat(order.executedQuantity()).isEqualByComparingTo("0.01");
        // 30000 + 5 bps = 30015
        assertThat(order.cumulativeQuoteQuantity()).isEqualByComparingTo("300.15");
        assertThat(order.exchangeOrderId()).isPositive();
        assertThat(paper.account().balances()).containsExactly(
                new Balance("BTC", new BigDecimal("0.00999"), BigDecimal.ZERO),
                new Balance("USDT", new BigDecimal("699.85"), BigDecimal.ZERO));
        List<Trade> trades = paper.myTrades("BTCUSDT", null, 10);
        assertThat(trades).hasSize(1);
        assertThat(trades.get(0).price()).isEqualByComparingTo("30015");
        assertThat(trades.get(0).commission()).isEqualByComparingTo("0.00001");
        assertThat(trades.get(0).commissionAsset()).isEqualTo("BTC");
        assertThat(trades.get(0).maker()).isFalse();
        assertThat(trades.get(0).exchangeOrderId()).isEqualTo(order.exchangeOrderId());
    }

    @Test
    void aMarketSellFillsBelowThePriceAndPaysTheFeeInTheQuoteAsset() {
        BINANCE.setPrice("BTCUSDT", new BigDecimal("30000"));
        Exchange paper = open(Map.of("BTC", new BigDecimal("1")));

        Order order = paper.placeOrder(OrderRequest.market("BTCUSDT", Side.SELL, new BigDecimal("0.1"), "sell-1"));

        assertThat(order.cumulativeQuoteQuantity()).isEqualByComparingTo("2998.5");
        assertThat(paper.account().balances()).containsExactly(
                new Balance("BTC", new BigDecimal("0.9"), BigDecimal.ZERO),
                new Balance("USDT", new BigDecimal("2995.5015"), BigDecimal.ZERO));
    }

    @Test
    void aMarketBuyForAQuoteAmountBuysWhatItAffordsRoundedDownToTheStep() {
        BINANCE.setPrice("BTCUSDT", new BigDecimal("30000"));
        Exchange paper = open(Map.of("USDT", new BigDecimal("100")));

        Order order = paper.placeOrder(OrderRequest.marketQuote("BTCUSDT", Side.BUY, new BigDecimal("100"), "quote-1"));

        assertThat(order.quantity()).isEqualByComparingTo("0.00333");
        assertThat(order.cumulativeQuoteQuantity()).isEqualByComparingTo("99.94995");
        assertThat(balance(paper, "USDT").free()).isEqualByComparingTo("0.05005");
    }

    @Test
    void anOrderTheBalanceCannotPayIsRefusedLikeBinanceRefusesIt() {
        BINANCE.setPrice("BTCUSDT", new BigDecimal("30000"));
        Exchange paper = open(Map.of("USDT", new BigDecimal("100")));

        assertThatThrownBy(() -> paper.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "poor-1")))
                .isInstanceOf(OrderRejected.class)
                .hasMessage("Account has insufficient balance for requested action.")
                .satisfies(e -> assertThat(((OrderRejected) e).code()).isEqualTo(-2010));
        assertThatThrownBy(() -> paper.placeOrder(OrderRequest.market("BTCUSDT", Side.SELL, new BigDecimal("0.001"), "poor-2")))
                .isInstanceOf(OrderRejected.class).hasMessage("Account has insufficient balance for requested action.");
        assertThat(paper.findOrder("BTCUSDT", "poor-1")).isEmpty();
        assertThat(paper.account().balances()).containsExactly(new Balance("USDT", new BigDecimal("100"), BigDecimal.ZERO));
    }

    @Test
    void anOrderBelowTheMinimumNotionalIsRefusedBeforeAnythingIsBooked() {
        BINANCE.setPrice("BTCUSDT", new BigDecimal("30000"));
        Exchange paper = open(Map.of("USDT", new BigDecimal("100")));

        assertThatThrownBy(() -> paper.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.0001"), "tiny-1")))
                .isInstanceOf(OrderRejected.class).hasMessageContaining("below the minimum order value of 5 USDT");
        assertThat(paper.findOrder("BTCUSDT", "tiny-1")).isEmpty();
    }

    @Test
    void theSameClientOrderIdAnswersTheFirstOrderAndFillsOnceEvenWhenSentConcurrently() throws Exception {
        BINANCE.setPrice("BTCUSDT", new BigDecimal("30000"));
        Exchange paper = open(Map.of("USDT", new BigDecimal("1000")));
        Order first = paper.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "dup-1"));

        Order again = paper.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.02"), "dup-1"));

        assertThat(again).isEqualTo(first);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Order>> racers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                racers.add(() -> paper.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), "race-1")));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Order> result : pool.invokeAll(racers)) {
                ids.add(result.get().exchangeOrderId());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(paper.myTrades("BTCUSDT", null, 10)).hasSize(2);
        // Two fills of 300.15, not three or eight.
        assertThat(balance(paper, "USDT").free()).isEqualByComparingTo("399.7");
    }

    @Test
    void differentOrdersRacingForOneBalanceNeverSpendMoreThanIsThere() throws Exception {
        BINANCE.setPrice("BTCUSDT", new BigDecimal("30000"));
        Exchange paper = open(Map.of("USDT", new BigDecimal("1000")));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        int filled = 0;
        int refused = 0;
        try {
            List<Callable<Order>> racers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String id = "spend-" + i;
                racers.add(() -> paper.placeOrder(OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.01"), id)));
            }
            for (Future<Order> result : pool.invokeAll(racers)) {
                try {
                    assertThat(result.get().status()).isEqualTo(OrderStatus.FILLED);
                    filled++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(OrderRejected.class)
                            .hasMessage("Account has insufficient balance for requested action.");
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // 300.15 each: three fit in 1000, the other three are refused, whatever the interleaving.
        assertThat(filled).isEqualTo(3);
        assertThat(refused).isEqualTo(3);
        assertThat(balance(paper, "USDT").free()).isEqualByComparingTo("99.55");
        assertThat(balance(paper, "BTC").free()).isEqualByComparingTo("0.02997");
    }

    @Test
    void aLimitBuyLocksItsFundsAndFillsAtItsPriceWhenALaterCandleTradesThroughIt() {
        BINANCE.setPrice("SOLUSDT", new BigDecimal("21"));
        Exchange paper = open(Map.of("USDT", new BigDecimal("1000")));

        Order placed = paper.placeOrder(OrderRequest.limit("SOLUSDT", Side.BUY, new BigDecimal("2.0049"), new BigDecimal("20.009"), "limit-buy-1"));

        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(placed.quantity()).isEqualByComparingTo("2");
        assertThat(placed.price()).isEqualByComparingTo("20");
        assertThat(balance(paper, "USDT")).isEqualTo(new Balance("USDT", new BigDecimal("960"), new BigDecimal("40")));

        Instant next = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        // Touching the price is not trading through it.
        BINANCE.addKlines("SOLUSDT", Interval.M1, List.of(candle(next, "20.5", "21", "20", "20.2")));
        assertThat(paper.findOrder("SOLUSDT", "limit-buy-1")).get().extracting(Order::status).isEqualTo(OrderStatus.NEW);
        assertThat(paper.openOrders("SOLUSDT")).extracting(Order::clientOrderId).containsExactly("limit-buy-1");

        BINANCE.addKlines("SOLUSDT", Interval.M1, List.of(candle(next.plus(Duration.ofMinutes(1)), "20.2", "20.3", "19.5", "19.9")));
        Order filled = paper.findOrder("SOLUSDT", "limit-buy-1").orElseThrow();

        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.executedQuantity()).isEqualByComparingTo("2");
        assertThat(filled.cumulativeQuoteQuantity()).isEqualByComparingTo("40");
        assertThat(paper.openOrders(null)).isEmpty();
        AccountSnapshot account = paper.account();
        assertThat(account.balances()).containsExactly(
                new Balance("SOL", new BigDecimal("1.998"), BigDecimal.ZERO),
                new Balance("USDT", new BigDecimal("960"), BigDecimal.ZERO));
        Trade trade = paper.myTrades("SOLUSDT", null, 10).get(0);
        assertThat(trade.maker()).isTrue();
        assertThat(trade.price()).isEqualByComparingTo("20");
        assertThat(trade.commission()).isEqualByComparingTo("0.002");
        assertThat(trade.time()).isEqualTo(next.plus(Duration.ofMinutes(1)));
        assertThat(jdbc.queryForList("select reason from paper_ledger where account_id = ? and client_order_id = 'limit-buy-1' order by id",
                String.class, accountId))
                .containsExactly("LOCK", "TRADE", "TRADE", "FEE");
    }

    @Test
    void aLimitBuyAboveTheLatestPriceFillsAtOnceAsATakerNeverAboveItsLimit() {
        BINANCE.setPrice("SOLUSDT", new BigDecimal("21"));
        Exchange paper = open(Map.of("USDT", new BigDecimal("1000")));

        Order order = paper.placeOrder(OrderRequest.limit("SOLUSDT", Side.BUY, new BigDecimal("10"), new BigDecimal("25"), "eager-1"));

        // 21 + 5 bps = 21.0105, up to the tick: 21.02
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.price()).isEqualByComparingTo("25");
        assertThat(order.cumulativeQuoteQuantity()).isEqualByComparingTo("210.2");
        assertThat(paper.account().balances()).containsExactly(
                new Balance("SOL", new BigDecimal("9.99"), BigDecimal.ZERO),
                new Balance("USDT", new BigDecimal("789.8"), BigDecimal.ZERO));
        assertThat(paper.myTrades("SOLUSDT", null, 5).get(0).maker()).isFalse();
    }

    @Test
    void cancellingALimitSellReleasesItsLockAndASecondCancelIsRefused() {
        BINANCE.setPrice("ADAUSDT", new BigDecimal("0.9"));
        Exchange paper = open(Map.of("ADA", new BigDecimal("100")));
        paper.placeOrder(OrderRequest.limit("ADAUSDT", Side.SELL, new BigDecimal("50"), new BigDecimal("1"), "limit-sell-1"));
        assertThat(balance(paper, "ADA")).isEqualTo(new Balance("ADA", new BigDecimal("50"), new BigDecimal("50")));

        Order canceled = paper.cancelOrder("ADAUSDT", "limit-sell-1");

        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(balance(paper, "ADA")).isEqualTo(new Balance("ADA", new BigDecimal("100"), BigDecimal.ZERO));
        assertThat(paper.openOrders("ADAUSDT")).isEmpty();
        assertThatThrownBy(() -> paper.cancelOrder("ADAUSDT", "limit-sell-1")).isInstanceOf(OrderRejected.class)
                .hasMessage("Unknown order sent.")
                .satisfies(e -> assertThat(((OrderRejected) e).code()).isEqualTo(-2011));
        assertThatThrownBy(() -> paper.cancelOrder("ADAUSDT", "never-1")).isInstanceOf(OrderRejected.class);
    }

    @Test
    void openingAnAccountTwiceCreditsItOnce() {
        UUID account = UUID.randomUUID();
        exchanges.openPaperAccount(account, Map.of("USDT", new BigDecimal("500"), "BTC", new BigDecimal("0.5")));
        exchanges.openPaperAccount(account, Map.of("USDT", new BigDecimal("500")));

        Exchange paper = exchanges.paper(account);
        assertThat(paper.account().balances()).containsExactly(
                new Balance("BTC", new BigDecimal("0.5"), BigDecimal.ZERO),
                new Balance("USDT", new BigDecimal("500"), BigDecimal.ZERO));
        assertThat(paper.account().canWithdraw()).isFalse();
        assertThat(paper.permissions().canWithdraw()).isFalse();
        assertThatThrownBy(() -> exchanges.openPaperAccount(UUID.randomUUID(), Map.of("USDT", new BigDecimal("-1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAccountNeverOpenedIsNotFound() {
        assertThatThrownBy(() -> exchanges.paper(UUID.randomUUID()).account()).isInstanceOf(ExchangeException.class)
                .hasMessageContaining("never opened")
                .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(404));
    }

    @Test
    void paperPricesAreBinancesAndPaperIsNoBinanceAccount() {
        BINANCE.setPrice("ETHUSDT", new BigDecimal("1800.5"));

        assertThat(exchanges.marketData(Venue.PAPER).ticker("ETHUSDT").price()).isEqualByComparingTo("1800.5");
        assertThat(exchanges.paper(UUID.randomUUID()).ticker("ETHUSDT").price()).isEqualByComparingTo("1800.5");
        assertThatThrownBy(() -> exchanges.binance(Venue.PAPER, UUID.randomUUID(), new ApiCredentials("k", "s")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void placeAnswersTheOrderWithItsFillsAndTheLookUpsOfTheOrderPathFindThem() {
        BINANCE.setPrice("BTCUSDT", new BigDecimal("30000"));
        Exchange paper = open(Map.of("USDT", new BigDecimal("1000")));

        Placement placement = paper.place(OrderRequest.marketQuote("BTCUSDT", Side.BUY, new BigDecimal("300"), "pl-1"));

        Placement.Accepted accepted = (Placement.Accepted) placement;
        assertThat(accepted.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(accepted.fills()).hasSize(1);
        Trade fill = accepted.fills().get(0);
        // 300 at 30015 buys 0.00999 BTC; the 0.1 % fee is taken in BTC
        assertThat(fill.price()).isEqualByComparingTo("30015");
        assertThat(fill.quantity()).isEqualByComparingTo("0.00999");
        assertThat(fill.commission()).isEqualByComparingTo("0.00000999");
        assertThat(fill.commissionAsset()).isEqualTo("BTC");
        assertThat(fill.exchangeOrderId()).isEqualTo(accepted.order().exchangeOrderId());
        assertThat(paper.place(OrderRequest.marketQuote("BTCUSDT", Side.BUY, new BigDecimal("300"), "pl-1")))
                .as("the same client order id answers the same order and fills").isEqualTo(accepted);
        long orderId = accepted.order().exchangeOrderId();
        assertThat(paper.orderTrades("BTCUSDT", orderId)).containsExactly(fill);
        assertThat(paper.tradesFrom("BTCUSDT", fill.id(), 10)).containsExactly(fill);
        assertThat(paper.tradesFrom("BTCUSDT", fill.id() + 1, 10)).isEmpty();
        assertThat(paper.ordersFrom("BTCUSDT", Instant.EPOCH, 10)).extracting(Order::clientOrderId).containsExactly("pl-1");
        // ids the account never had answer like Binance's -2013: nothing
        assertThat(paper.orderTrades("BTCUSDT", orderId + 1_000_000)).isEmpty();
        assertThat(paper.findOrder("BTCUSDT", "never-sent")).isEmpty();

        assertThat(paper.place(OrderRequest.market("BTCUSDT", Side.SELL, new BigDecimal("1"), "pl-2")))
                .isEqualTo(new Placement.Rejected(400, -2010, "Account has insufficient balance for requested action."));
        assertThat(paper.place(OrderRequest.market("NOPEUSDT", Side.SELL, new BigDecimal("1"), "pl-3")))
                .isInstanceOfSatisfying(Placement.Rejected.class, r -> assertThat(r.code()).isEqualTo(-1121));
        assertThat(paper.place(OrderRequest.market("BTCUSDT", Side.SELL, new BigDecimal("1"), "not allowed!")))
                .isInstanceOfSatisfying(Placement.Rejected.class, r -> assertThat(r.code()).isEqualTo(-1100));
        assertThat(paper.findOrder("BTCUSDT", "pl-2")).isEmpty();
    }

    @Test
    void aProtectiveOrderReservesItsCoinsAndTheSweepSellsAtTheStopWithoutAnyoneReadingTheAccount() {
        BINANCE.setPrice("DOTUSDT", new BigDecimal("10"));
        Exchange paper = open(Map.of("DOT", new BigDecimal("10")));

        Placement placed = paper.place(OrderRequest.protect("DOTUSDT", new BigDecimal("5"), new BigDecimal("9"),
                new BigDecimal("12"), null, "guard-1"));

        Order order = ((Placement.Accepted) placed).order();
        assertThat(order.type()).isEqualTo(OrderType.PROTECT);
        assertThat(order.status()).isEqualTo(OrderStatus.NEW);
        assertThat(balance(paper, "DOT")).isEqualTo(new Balance("DOT", new BigDecimal("5"), new BigDecimal("5")));
        assertThat(paper.place(OrderRequest.protect("DOTUSDT", new BigDecimal("6"), new BigDecimal("9"), null, null,
                "guard-2"))).as("the coins are reserved").isInstanceOfSatisfying(Placement.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(-2010));

        Instant next = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        BINANCE.addKlines("DOTUSDT", Interval.M1, List.of(candle(next, "10", "10.5", "9.5", "10")));
        paperExchanges.sweep(accountId);
        assertThat(status("guard-1")).isEqualTo("NEW");

        // the low reaches the stop: a taker sale at the stop less 5 bp, down to the tick
        BINANCE.addKlines("DOTUSDT", Interval.M1, List.of(candle(next.plus(Duration.ofMinutes(1)), "9.8", "9.9", "8.9", "9")));
        paperExchanges.sweep(accountId);

        assertThat(status("guard-1")).isEqualTo("FILLED");
        Trade sale = paper.orderTrades("DOTUSDT", order.exchangeOrderId()).get(0);
        assertThat(sale.price()).isEqualByComparingTo("8.995");
        assertThat(sale.quantity()).isEqualByComparingTo("5");
        assertThat(sale.commission()).isEqualByComparingTo("0.044975");
        assertThat(sale.maker()).isFalse();
        assertThat(paper.account().balances()).containsExactly(
                new Balance("DOT", new BigDecimal("5"), BigDecimal.ZERO),
                new Balance("USDT", new BigDecimal("44.930025"), BigDecimal.ZERO));
    }

    @Test
    void aReplayTakesTheCandleTimesAsItsClockFillsAtTheNextOpenAndChecksRestingOrdersAgainstTheClosedCandle() {
        accountId = UUID.randomUUID();
        paperExchanges.open(accountId, Map.of("USD", new BigDecimal("1000")));
        SymbolRules rules = new SymbolRules("BTCUSD", "BTC", "USD", "TRADING", new BigDecimal("0.01"),
                new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1000"), new BigDecimal("5"));
        ReplayExchange replay = paperExchanges.replay(accountId, rules, FillCosts.ofBps(10, 5, 5));
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
        Kline k0 = candle(t0, "100", "101", "99", "100");
        Kline k1 = candle(t0.plus(Duration.ofMinutes(1)), "110", "111", "99.99", "105");
        Kline k2 = candle(t0.plus(Duration.ofMinutes(2)), "105", "106", "104", "105");

        assertThat(replay.place(OrderRequest.marketQuote("BTCUSD", Side.BUY, new BigDecimal("100"), "r-0")))
                .as("no candle has closed yet").isInstanceOf(Placement.Rejected.class);
        replay.candleClosed(k0, k1);

        assertThat(replay.serverTime()).isEqualTo(k1.openTime());
        Trade bought = ((Placement.Accepted) replay.place(OrderRequest.marketQuote("BTCUSD", Side.BUY,
                new BigDecimal("500"), "r-1"))).fills().get(0);
        // the next open 110 plus 5 bp, up to the tick; 500 buys 4.542 BTC (4.54297…)
        assertThat(bought.price()).isEqualByComparingTo("110.06");
        assertThat(bought.quantity()).isEqualByComparingTo("4.542");
        assertThat(bought.time()).isEqualTo(k1.openTime());
        Placement.Accepted limit = (Placement.Accepted) replay.place(OrderRequest.limit("BTCUSD", Side.BUY,
                new BigDecimal("0.5"), new BigDecimal("100"), "r-2"));
        assertThat(limit.order().status()).isEqualTo(OrderStatus.NEW);
        assertThat(balance(replay, "USD").locked()).isEqualByComparingTo("50");

        List<Trade> checked = replay.candleClosed(k1, k2);

        List<Trade> filled = replay.orderTrades("BTCUSD", limit.order().exchangeOrderId());
        assertThat(checked).as("candleClosed answers the fills it made").isEqualTo(filled);
        assertThat(filled).hasSize(1);
        assertThat(filled.get(0).price()).isEqualByComparingTo("100");
        assertThat(filled.get(0).maker()).isTrue();
        assertThat(filled.get(0).commission()).isEqualByComparingTo("0.00025");
        assertThat(filled.get(0).time()).isEqualTo(k1.openTime());
        assertThat(replay.openOrders("BTCUSD")).isEmpty();
        replay.candleClosed(k2, null);
        assertThat(replay.place(OrderRequest.marketQuote("BTCUSD", Side.BUY, new BigDecimal("10"), "r-3")))
                .as("the replay has ended").isInstanceOf(Placement.Rejected.class);
    }

    private String status(String clientOrderId) {
        return jdbc.queryForObject("select status from paper_orders where account_id = ? and client_order_id = ?",
                String.class, accountId, clientOrderId);
    }

    private static Balance balance(Exchange paper, String asset) {
        return paper.account().balances().stream().filter(b -> b.asset().equals(asset)).findFirst()
                .orElse(new Balance(asset, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    private static Kline candle(Instant open, String o, String h, String l, String c) {
        return new Kline(open, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c), BigDecimal.TEN,
                open.plus(Duration.ofMinutes(1)).minusMillis(1));
    }
}
