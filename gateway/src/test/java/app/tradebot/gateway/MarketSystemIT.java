package app.tradebot.gateway;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.runtime.FunctionInvocations;
import app.tradebot.scheduler.SchedulerDriver;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4 through the three runtimes of one process: the gateway serves a new user's HTTP calls,
 * the scheduler fires refreshCandles and refreshTickers on RabbitMQ, the worker consumes them and
 * calls the fake Binance (the real client, its base URL pointed at the fake), writing Postgres
 * and the Redis ticker cache. The scheduler's tick loop is off: the test moves its clock by a
 * minute and calls runDue(), so each step fires exactly one tick of each job.
 */
@SpringBootTest(classes = TradeBotLauncher.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tradebot.roles=gateway,worker,scheduler",
            "tradebot.environment=production",
            "tradebot.auth.secret-key=" + Lambdas.SECRET_KEY,
            "tradebot.health.timeout=15s",
            "tradebot.scheduler.tick-loop=false",
            "spring.datasource.hikari.maximum-pool-size=4"
        })
@Import(MarketSystemIT.SchedulerClock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarketSystemIT extends AllInOneContext {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String[] JOBS = {"refreshCandles", "refreshTickers"};

    static final FakeBinance BINANCE = FakeBinance.start();
    /** Half past a minute, so that each minute the clock moves crosses exactly one rate(1 minute) tick. */
    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30));
    /** The first of the fake's hourly candles, a day ago: GET /api/market/candles reads up to the real now. */
    static final Instant H0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
    /** The fake's 1h candles H0 + 0h … H0 + 15h, the last two only added as the fake's time reaches them. */
    static final List<Kline> KLINES = IntStream.range(0, 16).mapToObj(MarketSystemIT::kline).toList();

    @DynamicPropertySource
    static void binance(DynamicPropertyRegistry registry) {
        BINANCE.registerBaseUrls(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SchedulerClock {

        /**
         * The scheduler's clock. The market jobs' earlier ticks are forgotten first, recorded or still
         * queued, so that the scheduler starts with their cursors at this clock's now and the worker
         * handles only the ticks the test fires.
         */
        @Bean
        Clock schedulerClock(DataSource dataSource, ConnectionFactory rabbit) {
            forgetTicks(new JdbcTemplate(dataSource), Instant.EPOCH);
            RabbitAdmin admin = new RabbitAdmin(rabbit);
            for (String job : JOBS) {
                if (admin.getQueueInfo("schedule." + job) != null) {
                    admin.purgeQueue("schedule." + job, false);
                }
            }
            return CLOCK;
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory rabbit;

    @Autowired
    MeterRegistry meters;

    private String bearer;

    @BeforeAll
    void newUserWithAPaperAccountWatchesBtcusdtHourly() throws Exception {
        jdbc.update("delete from candle_watches");
        jdbc.update("delete from candles where symbol = 'BTCUSDT' and interval = '1h'");
        jdbc.update("delete from candle_gaps_checked where symbol = 'BTCUSDT' and interval = '1h'");
        forgetCachedTickers();

        String email = "market-system-" + UUID.randomUUID() + "@example.com";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        refillThrottle("POST /api/auth/register");
        HttpResponse<String> registered = post("/api/auth/register", credentials, null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        refillThrottle("POST /api/auth/login");
        HttpResponse<String> login = post("/api/auth/login", credentials, null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        bearer = "Bearer " + body(login).get("accessToken").asString();

        HttpResponse<String> account = post("/api/accounts",
                "{\"name\":\"Paper\",\"kind\":\"paper\",\"balances\":{\"USDT\":\"10000\"}}", bearer);
        assertThat(account.statusCode()).as(account.body()).isEqualTo(201);
        assertThat(body(account).get("kind").asString()).isEqualTo("paper");

        HttpResponse<String> watch = post("/api/market/watches", "{\"symbol\":\"BTCUSDT\",\"interval\":\"1h\"}", bearer);
        assertThat(watch.statusCode()).as(watch.body()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        // This clock ran a few minutes ahead: a scheduler started later must not find those ticks taken.
        forgetTicks(jdbc, Instant.now().minusSeconds(60));
        // The fake's prices and candles, not to be read by a later test as the exchange's (the latest
        // BTCUSDT candle of any interval is a ticker's last resort).
        forgetCachedTickers();
        jdbc.update("delete from candle_watches");
        jdbc.update("delete from candles where symbol = 'BTCUSDT' and interval = '1h'");
        jdbc.update("delete from candle_gaps_checked where symbol = 'BTCUSDT' and interval = '1h'");
        BINANCE.close();
    }

    @Test
    @Order(1)
    void theSchedulerFiresTheWorkerFetchesTheFakesClosedCandlesAndPriceAndTheGatewayServesThem() throws Exception {
        // H0 + 6h is missing from the user's own import of H0 … H0 + 7h; the fake has it.
        String csv = "open_time,open,high,low,close,volume\n" + String.join("\n", KLINES.subList(0, 8).stream()
                .filter(k -> !k.openTime().equals(H0.plus(Duration.ofHours(6)))).map(MarketSystemIT::csvLine).toList());
        HttpResponse<String> imported = send("POST", "/api/market/candles/import?symbol=BTCUSDT&interval=1h",
                BodyPublishers.ofString(csv), "Content-Type", "text/csv", "Authorization", bearer);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(body(imported).get("imported").asLong()).isEqualTo(7);
        // the import is the user's own: the exchange's candles are not written
        assertThat(jdbc.queryForObject("select count(*) from imported_candles where symbol = 'BTCUSDT' and interval = '1h'",
                Long.class)).isEqualTo(7);
        assertThat(storedOpenTimes()).isEmpty();

        // The fake at H0 + 13h30: H0 … H0 + 12h are closed, H0 + 13h is still open.
        BINANCE.addKlines("BTCUSDT", Interval.H1, KLINES.subList(0, 14));
        BINANCE.fixClock(H0.plus(Duration.ofMinutes(13 * 60 + 30)));
        BINANCE.setPrice("BTCUSDT", new BigDecimal("64123.45"));

        tick();

        // The exchange's closed candles (none were stored: the latest page), the open one left out.
        assertThat(storedOpenTimes()).containsExactlyElementsOf(openTimes(0, 13));
        assertThat(storedValues()).containsExactlyElementsOf(KLINES.subList(0, 13).stream().map(MarketSystemIT::csvLine).toList());
        assertTicker("64123.45");

        // An hour on: H0 + 13h has closed, H0 + 14h opened, H0 + 15h is not there yet; a new price.
        BINANCE.addKlines("BTCUSDT", Interval.H1, KLINES.subList(14, 15));
        BINANCE.fixClock(H0.plus(Duration.ofMinutes(14 * 60 + 30)));
        BINANCE.setPrice("BTCUSDT", new BigDecimal("64200.01"));

        tick();

        assertThat(storedOpenTimes()).containsExactlyElementsOf(openTimes(0, 14));
        assertTicker("64200.01");

        // Nothing new at the fake: a third tick stores no duplicate and asks only for what is after the last candle.
        BINANCE.clearRequests();
        tick();
        assertThat(storedOpenTimes()).containsExactlyElementsOf(openTimes(0, 14));
        assertThat(BINANCE.requests("GET", "/api/v3/klines")).singleElement().satisfies(request ->
                assertThat(request.params()).containsEntry("startTime",
                        Long.toString(H0.plus(Duration.ofHours(14)).toEpochMilli())));

        // What the user reads back through the gateway is what the fake served.
        HttpResponse<String> page = send("GET", "/api/market/candles?symbol=BTCUSDT&interval=1h&limit=1000&from="
                + URLEncoder.encode(H0.toString(), StandardCharsets.UTF_8), BodyPublishers.noBody(), "Authorization", bearer);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode candles = body(page);
        List<String> read = new ArrayList<>();
        candles.get("candles").forEach(c -> read.add(Instant.parse(c.get("openTime").asString()).toEpochMilli() + ","
                + number(c.get("open").asString()) + "," + number(c.get("high").asString()) + ","
                + number(c.get("low").asString()) + "," + number(c.get("close").asString()) + ","
                + number(c.get("volume").asString())));
        assertThat(read).containsExactlyElementsOf(KLINES.subList(0, 14).stream().map(MarketSystemIT::csvLine).toList());
        assertThat(candles.get("next").isNull()).isTrue();

        assertNoFailures();
    }

    @Test
    @Order(2)
    void withBinanceUnreachableEachTickStillCompletesOnceAndNothingIsDeadLettered() throws Exception {
        List<Instant> before = storedOpenTimes();
        BINANCE.close();

        tick();
        tick();

        assertThat(storedOpenTimes()).isEqualTo(before);
        assertNoFailures();
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Moves the scheduler a minute on, fires what is due and waits until the worker has handled one
     * more message of each market job, successfully.
     */
    private void tick() {
        Map<String, Long> handled = new HashMap<>();
        for (String job : JOBS) {
            handled.put(job, invocations(job, "SUCCESS"));
        }
        CLOCK.advance(Duration.ofMinutes(1));
        SchedulerDriver.runDue(context);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (String job : JOBS) {
                assertThat(invocations(job, "SUCCESS")).as(() -> job + " handled; the worker's invocations: "
                        + meters.find(FunctionInvocations.METER).timers().stream()
                                .map(t -> t.getId().getTags() + "=" + t.count()).toList())
                        .isEqualTo(handled.get(job) + 1);
            }
        });
    }

    /** No attempt failed (so none was retried) and no tick went to a dead-letter queue. */
    private void assertNoFailures() {
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        for (String job : JOBS) {
            assertThat(invocations(job, "ERROR")).as(job + " failed attempts").isZero();
            QueueInformation queue = admin.getQueueInfo("schedule." + job);
            assertThat(queue).isNotNull();
            assertThat(queue.getConsumerCount()).as("consumers of schedule." + job).isEqualTo(1);
            assertThat(queue.getMessageCount()).as("messages waiting on schedule." + job).isZero();
            QueueInformation dead = admin.getQueueInfo("schedule." + job + ".dlq");
            assertThat(dead).as("schedule." + job + ".dlq").isNotNull();
            assertThat(dead.getMessageCount()).as("messages on schedule." + job + ".dlq").isZero();
        }
    }

    private long invocations(String job, String outcome) {
        return meters.find(FunctionInvocations.METER).tags("function", job, "trigger", "queue", "outcome", outcome)
                .timers().stream().mapToLong(Timer::count).sum();
    }

    private void assertTicker(String price) throws Exception {
        HttpResponse<String> ticker = send("GET", "/api/market/ticker/BTCUSDT", BodyPublishers.noBody(), "Authorization", bearer);
        assertThat(ticker.statusCode()).as(ticker.body()).isEqualTo(200);
        JsonNode answer = body(ticker);
        assertThat(answer.get("source").asString()).isEqualTo("cache");
        assertThat(new BigDecimal(answer.get("price").asString())).isEqualByComparingTo(price);
    }

    private List<Instant> storedOpenTimes() {
        return jdbc.queryForList("select open_time from candles where symbol = 'BTCUSDT' and interval = '1h' order by open_time",
                Timestamp.class).stream().map(Timestamp::toInstant).toList();
    }

    private List<String> storedValues() {
        return jdbc.query("select * from candles where symbol = 'BTCUSDT' and interval = '1h' order by open_time",
                (row, i) -> row.getTimestamp("open_time").toInstant().toEpochMilli() + "," + number(row.getString("open"))
                        + "," + number(row.getString("high")) + "," + number(row.getString("low")) + ","
                        + number(row.getString("close")) + "," + number(row.getString("volume")));
    }

    private static List<Instant> openTimes(int from, int to) {
        return IntStream.range(from, to).mapToObj(h -> H0.plus(Duration.ofHours(h))).toList();
    }

    private HttpResponse<String> post(String path, String json, String authorization) throws Exception {
        return authorization == null
                ? send("POST", path, BodyPublishers.ofString(json), "Content-Type", "application/json")
                : send("POST", path, BodyPublishers.ofString(json), "Content-Type", "application/json", "Authorization", authorization);
    }

    private void forgetCachedTickers() {
        Set<String> cached = redis.keys("market:ticker*");
        if (cached != null && !cached.isEmpty()) {
            redis.delete(cached);
        }
    }

    private static void forgetTicks(JdbcTemplate jdbc, Instant after) {
        Boolean migrated = jdbc.queryForObject("select to_regclass('scheduler.schedule_fires') is not null", Boolean.class);
        if (Boolean.TRUE.equals(migrated)) {
            jdbc.update("delete from scheduler.schedule_fires where (job like 'refreshCandles.%' or job like 'refreshTickers.%')"
                    + " and scheduled_time > ?", Timestamp.from(after));
        }
    }

    /** The hour {@code h} after H0: prices that differ per candle and have the scale the database keeps. */
    private static Kline kline(int h) {
        Instant open = H0.plus(Duration.ofHours(h));
        BigDecimal base = new BigDecimal("64000.00").add(BigDecimal.valueOf(h * 10L));
        return new Kline(open, base, base.add(new BigDecimal("55.50")), base.subtract(new BigDecimal("40.25")),
                base.add(new BigDecimal("12.75")), new BigDecimal("123.456").add(BigDecimal.valueOf(h)),
                open.plus(Duration.ofHours(1)).minusMillis(1));
    }

    private static String csvLine(Kline k) {
        return k.openTime().toEpochMilli() + "," + number(k.open().toPlainString()) + "," + number(k.high().toPlainString()) + ","
                + number(k.low().toPlainString()) + "," + number(k.close().toPlainString()) + ","
                + number(k.volume().toPlainString());
    }

    /** A decimal without trailing zeros: the fake sends eight places, the import keeps the file's. */
    private static String number(String decimal) {
        return new BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }
}
