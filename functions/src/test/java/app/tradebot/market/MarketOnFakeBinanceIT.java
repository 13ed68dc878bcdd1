package app.tradebot.market;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.tradebot.platform.http.JsonDecimals.decimal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market jobs through the real Binance client against the fake Binance HTTP server, which
 * serves the real 4-hour BTC file (with its holes) as BTCUSDT klines.
 */
@SpringBootTest(classes = TradeBotFunctions.class, properties = { "tradebot.environment=production",
        "tradebot.auth.secret-key=it-secret-key-for-tradebot-market-tests-0123456789-abcdefghijklmnopq" })
@DirtiesContext
class MarketOnFakeBinanceIT {

    static {
        TestServices.install();
    }

    static final FakeBinance BINANCE = FakeBinance.start();
    static final List<Kline> REAL = BINANCE.loadKlines("BTCUSDT", Interval.H4, CandleCsvTest.REAL_4H);
    static final Instant LAST = REAL.get(REAL.size() - 1).openTime();

    @DynamicPropertySource
    static void binance(DynamicPropertyRegistry registry) {
        BINANCE.registerBaseUrls(registry);
    }

    @AfterAll
    static void stop() {
        BINANCE.close();
    }

    @Autowired @Qualifier("watchCandles") ApiFunction watchCandles;
    @Autowired @Qualifier("getTicker") ApiFunction getTicker;
    @Autowired @Qualifier("refreshCandles") Consumer<Message<byte[]>> refreshCandles;
    @Autowired @Qualifier("refreshTickers") Consumer<Message<byte[]>> refreshTickers;
    @Autowired JdbcTemplate jdbc;
    @Autowired CandleHistory candleHistory;
    @Autowired CandleFeed feed;
    @Autowired StringRedisTemplate redis;

    private final JsonMapper json = JsonMapper.builder().build();

    static Message<byte[]> tick(String job) {
        return MessageBuilder.withPayload(("{\"job\":\"" + job + "\",\"scheduledTime\":\"2025-10-28T06:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8)).build();
    }

    long stored() {
        return jdbc.queryForObject("select count(*) from candles where symbol = 'BTCUSDT' and interval = '4h'", Long.class);
    }

    /**
     * A tick runs every bot of a pair within seconds: when the exchange has nothing newer than the store
     * (the newest candle is late), the bots of the pair do not each ask it again; they do once the moment
     * has passed, or the store changed. The bots are of different users: the exchange's candles are everyone's.
     */
    @Test
    void theBotsOfOnePairAskTheExchangeForItsCandlesOnceAMoment() throws Exception {
        jdbc.execute("truncate table candles, candle_gaps_checked, candle_watches, symbols cascade");
        jdbc.update("insert into symbols (symbol, base_asset, quote_asset, status, source) values ('BTCUSDT', 'BTC', 'USDT',"
                + " 'TRADING', 'exchange')");
        // two candles after the last one the exchange has should have closed by now
        Instant now = LAST.plusSeconds(10 * 3600);
        BINANCE.fixClock(now);
        assertThat(feed.live(UUID.randomUUID()).refresh("BTCUSDT", Interval.H4, now)).as("the first bot stores the exchange's candles").isPositive();

        BINANCE.clearRequests();
        java.util.concurrent.ExecutorService bots = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(bots.submit(() -> feed.live(UUID.randomUUID()).refresh("BTCUSDT", Interval.H4, now.plusMillis(200))));
            }
            for (java.util.concurrent.Future<Integer> run : runs) {
                assertThat(run.get()).isZero();
            }
        }
        finally {
            bots.shutdown();
        }
        assertThat(BINANCE.requests("GET", "/api/v3/klines")).as("nothing newer a moment ago: not asked again").isEmpty();

        assertThat(feed.live(UUID.randomUUID()).refresh("BTCUSDT", Interval.H4, now.plus(StoredCandleFeed.ASK_AGAIN_AFTER))).isZero();
        assertThat(BINANCE.requests("GET", "/api/v3/klines")).as("asked again once the moment passed").hasSize(1);

        BINANCE.clearRequests();
        jdbc.update("delete from candles where symbol = 'BTCUSDT' and interval = '4h' and open_time = ?", Timestamp.from(LAST));
        assertThat(feed.live(UUID.randomUUID()).refresh("BTCUSDT", Interval.H4, now.plus(StoredCandleFeed.ASK_AGAIN_AFTER).plusMillis(100)))
                .as("the store changed: asked at once, the candle stored again").isEqualTo(1);
        assertThat(BINANCE.requests("GET", "/api/v3/klines")).isNotEmpty();
    }

    @Test
    void watchedCandlesAreFetchedBackFilledAndTheExchangesOwnHolesAskedAboutOnce() {
        jdbc.execute("truncate table candles, candle_gaps_checked, candle_watches, symbols, users cascade");
        Set<String> keys = redis.keys("market:ticker*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        UUID user = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, 'fake-binance@example.com', 'x')", user);
        // The last candle is still open: it closes at LAST + 4 h.
        BINANCE.fixClock(LAST.plusSeconds(3600));

        APIGatewayV2HTTPResponse watched = watchCandles.apply(ApiEvents.post("/api/market/watches",
                "{\"symbol\":\"BTCUSDT\",\"interval\":\"4h\"}").authorizedAs(user).event());
        assertThat(watched.getStatusCode()).as(watched.getBody()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select source from symbols where symbol = 'BTCUSDT'", String.class)).isEqualTo("exchange");
        // the exchange's filters are kept for backtests; a symbol only imported gets the default rule set
        SymbolRules rules = candleHistory.rules(user, "BTCUSDT");
        assertThat(rules.tickSize()).isEqualByComparingTo("0.01");
        assertThat(rules.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(rules.minNotional()).isEqualByComparingTo("5");
        assertThat(rules.maxNotional()).isEqualByComparingTo("9000000");
        assertThat(rules.maxPrice()).isEqualByComparingTo("1000000");
        assertThat(candleHistory.rules(user, "NOSUCHCOIN")).isEqualTo(SymbolRules.unfiltered("NOSUCHCOIN", null, null));

        refreshCandles.accept(tick("refreshCandles"));
        // The latest 1000 the exchange has, the open one left out.
        assertThat(stored()).isEqualTo(999);
        assertThat(jdbc.queryForObject("select max(open_time) from candles where symbol = 'BTCUSDT'", Timestamp.class).toInstant())
                .isEqualTo(LAST.minusSeconds(4 * 3600));

        // The candle closes; a stretch in the middle is lost.
        BINANCE.fixClock(LAST.plusSeconds(5 * 3600));
        Instant lostFrom = REAL.get(REAL.size() - 300).openTime();
        Instant lostTo = REAL.get(REAL.size() - 250).openTime();
        int lost = jdbc.update("delete from candles where symbol = 'BTCUSDT' and open_time >= ? and open_time < ?",
                Timestamp.from(lostFrom), Timestamp.from(lostTo));
        assertThat(lost).isEqualTo(50);
        refreshCandles.accept(tick("refreshCandles"));
        assertThat(stored()).isEqualTo(1000);
        List<Instant> expected = REAL.subList(REAL.size() - 1000, REAL.size()).stream().map(Kline::openTime).toList();
        assertThat(jdbc.queryForList("select open_time from candles where symbol = 'BTCUSDT' order by open_time", Timestamp.class))
                .extracting(Timestamp::toInstant).containsExactlyElementsOf(expected);
        BigDecimal close = jdbc.queryForObject("select close from candles where symbol = 'BTCUSDT' and open_time = ?",
                BigDecimal.class, Timestamp.from(lostFrom));
        assertThat(close).isEqualByComparingTo(REAL.get(REAL.size() - 300).close());

        // Holes the exchange itself has (the file's own) are asked about once, then remembered.
        long holes = jdbc.queryForObject("""
                select count(*) from (select open_time, lead(open_time) over (order by open_time) as next from candles
                                      where symbol = 'BTCUSDT' and interval = '4h') t
                where next > open_time + interval '4 hours'
                """, Long.class);
        assertThat(holes).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from candle_gaps_checked", Long.class)).isEqualTo(holes);
        BINANCE.clearRequests();
        refreshCandles.accept(tick("refreshCandles"));
        assertThat(BINANCE.requests("GET", "/api/v3/klines")).hasSize(1);
        assertThat(stored()).isEqualTo(1000);
    }

    @Test
    void refreshTickersCachesTheExchangesPrice() {
        jdbc.execute("truncate table candle_watches, symbols, users cascade");
        UUID user = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, 'ticker@example.com', 'x')", user);
        BINANCE.setPrice("ETHUSDT", new BigDecimal("3456.78"));
        assertThat(watchCandles.apply(ApiEvents.post("/api/market/watches", "{\"symbol\":\"ETHUSDT\",\"interval\":\"1h\"}")
                .authorizedAs(user).event()).getStatusCode()).isEqualTo(201);

        refreshTickers.accept(tick("refreshTickers"));

        APIGatewayV2HTTPResponse answer = getTicker.apply(ApiEvents.get("/api/market/ticker/ETHUSDT")
                .pathParameter("symbol", "ETHUSDT").authorizedAs(user).event());
        JsonNode ticker = json.readTree(answer.getBody());
        assertThat(ticker.get("source").asString()).isEqualTo("cache");
        assertThat(decimal(ticker.get("price"))).isEqualByComparingTo("3456.78");
    }
}
