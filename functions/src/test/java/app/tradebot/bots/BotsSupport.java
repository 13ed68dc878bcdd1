package app.tradebot.bots;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.audit.RecordingAuditTrail;
import app.tradebot.backtest.ReplayParity;
import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.strategy.RealCandles;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot functions in a Spring context against the real Postgres, Redis and RabbitMQ, with paper accounts
 * priced by the fake Binance over HTTP. No worker consumes here: a test runs tickBots and runBot itself.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(RecordingAuditTrail.class)
abstract class BotsSupport {

    static {
        TestServices.install();
    }

    /** One for every bot test class: they share one Spring context, which keeps its URL. */
    static final FakeBinance BINANCE = FakeBinance.start();

    @DynamicPropertySource
    static void binance(DynamicPropertyRegistry registry) {
        BINANCE.registerBaseUrls(registry);
        registry.add("tradebot.exchange.paper.slippage-bps", () -> "5");
        registry.add("tradebot.exchange.paper.taker-fee-bps", () -> "10");
        registry.add("tradebot.exchange.paper.maker-fee-bps", () -> "10");
    }

    final JsonMapper json = JsonMapper.builder().build();

    @Autowired @Qualifier("createExchangeAccount") ApiFunction createAccount;
    @Autowired @Qualifier("createBot") ApiFunction createBot;
    @Autowired @Qualifier("listBots") ApiFunction listBots;
    @Autowired @Qualifier("getBot") ApiFunction getBot;
    @Autowired @Qualifier("updateBot") ApiFunction updateBot;
    @Autowired @Qualifier("deleteBot") ApiFunction deleteBot;
    @Autowired @Qualifier("startBot") ApiFunction startBot;
    @Autowired @Qualifier("stopBot") ApiFunction stopBot;
    @Autowired @Qualifier("stopAllBots") ApiFunction stopAllBots;
    @Autowired @Qualifier("updateExchangeAccount") ApiFunction updateAccount;
    @Autowired @Qualifier("listBotOrders") ApiFunction listBotOrders;
    @Autowired @Qualifier("listBotFills") ApiFunction listBotFills;
    @Autowired @Qualifier("listBotEvents") ApiFunction listBotEvents;
    @Autowired @Qualifier("tickBots") Consumer<Message<byte[]>> tickBots;
    @Autowired @Qualifier("runBot") Consumer<Message<byte[]>> runBot;
    @Autowired @Qualifier("importCandles") ApiFunction importCandles;
    @Autowired JdbcTemplate jdbc;
    @Autowired RecordingAuditTrail audit;

    UUID alice;
    UUID bob;
    UUID alicePaper;
    UUID bobPaper;

    @BeforeEach
    void usersAndAccounts() {
        jdbc.execute("truncate table users, bot_orders, bot_fills, bot_events cascade");
        // listed by the exchange, whatever an earlier test left (an import of BTCUSDT makes it an imported symbol,
        // which no bot refreshes from the exchange and a Binance account may not trade)
        jdbc.update("""
                insert into symbols (symbol, base_asset, quote_asset, status, source) values ('BTCUSDT', 'BTC', 'USDT', 'TRADING', 'exchange')
                on conflict (symbol) do update set status = excluded.status, source = excluded.source""");
        audit.clear();
        alice = user("alice@example.com");
        bob = user("bob@example.com");
        alicePaper = paper(alice);
        bobPaper = paper(bob);
    }

    UUID user(String email) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'not a hash')", id, email);
        return id;
    }

    UUID paper(UUID user) {
        APIGatewayV2HTTPResponse created = createAccount.apply(ApiEvents.post("/api/accounts",
                "{\"name\":\"Paper\",\"kind\":\"paper\",\"balances\":{\"USDT\":\"10000\"}}").authorizedAs(user).event());
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        return UUID.fromString(body(created).get("id").asString());
    }

    String botBody(UUID account, String extra) {
        return "{\"name\":\"Trend\",\"accountId\":\"" + account + "\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\","
                + "\"strategy\":\"sma-cross\",\"params\":{\"fast\":2,\"slow\":5},\"sizing\":{\"type\":\"fixed\",\"value\":\"100\"}"
                + extra + "}";
    }

    APIGatewayV2HTTPResponse create(UUID user, String body) {
        return createBot.apply(ApiEvents.post("/api/bots", body).authorizedAs(user).event());
    }

    UUID created(UUID user, String body) {
        APIGatewayV2HTTPResponse response = create(user, body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return UUID.fromString(body(response).get("id").asString());
    }

    APIGatewayV2HTTPResponse call(ApiFunction function, String method, String path, UUID id, String body, UUID user) {
        return function.apply(ApiEvents.request(method, path.replace("{id}", id.toString()), body)
                .pathParameter("id", id.toString()).authorizedAs(user).event());
    }

    JsonNode body(APIGatewayV2HTTPResponse response) {
        return json.readTree(response.getBody());
    }

    JsonNode assertProblem(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.getBody()).doesNotContain("Exception", "\tat ", "org.", "app.tradebot");
        return problem;
    }

    static List<Map.Entry<String, String>> errors(JsonNode problem) {
        List<Map.Entry<String, String>> errors = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(error -> errors.add(Map.entry(error.get("field").asString(),
                    error.get("message").asString())));
        }
        return errors;
    }

    static Message<byte[]> message(String payload) {
        return MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8)).build();
    }

    void tick() {
        tick(Instant.now());
    }

    /** A tick scheduled at a given time: which bots are due depends on it, not on when the test gets there. */
    void tick(Instant scheduledTime) {
        tickBots.accept(message("{\"job\":\"tickBots\",\"scheduledTime\":\"" + scheduledTime + "\"}"));
    }

    void run(UUID bot) {
        runBot.accept(message("{\"id\":\"" + bot + "\"}"));
    }

    /**
     * One-minute BTCUSDT candles ending with the last closed minute, their closes as given: the fake Binance
     * serves them as klines, the paper exchange fills at {@code price}.
     */
    static List<Kline> minutes(double[] closes, BigDecimal price) {
        Instant lastOpen = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        List<Kline> klines = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            Instant open = lastOpen.minus(closes.length - 1 - i, ChronoUnit.MINUTES);
            BigDecimal close = BigDecimal.valueOf(closes[i]);
            BigDecimal previous = i == 0 ? close : BigDecimal.valueOf(closes[i - 1]);
            klines.add(new Kline(open, previous, close.max(previous), close.min(previous), close, BigDecimal.ONE,
                    open.plus(1, ChronoUnit.MINUTES).minusMillis(1)));
        }
        BINANCE.addKlines("BTCUSDT", Interval.M1, klines);
        BINANCE.setPrice("BTCUSDT", price);
        return klines;
    }

    /** A webhook of {@code user} subscribed to every bot event (its deliveries are read from the table). */
    UUID webhook(UUID user) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into notification_channels (id, user_id, kind, url, secret_enc, secret_hint, events, created_at)
                values (?, ?, 'webhook', 'https://hooks.example.com/tradebot', 'not a token', 'abcd',
                        'bot.started,bot.stopped,order.filled,order.rejected,risk.limit_reached', now())""", id, user);
        return id;
    }

    /** The events queued for a channel, oldest first, each as its body's {@code type} and {@code data}. */
    List<JsonNode> deliveries(UUID channel) {
        return jdbc.queryForList("select body from notification_deliveries where channel_id = ? order by created_at, body",
                String.class, channel).stream().map(json::readTree).toList();
    }

    /**
     * {@code candles} imported by {@code user} under {@code symbol} through {@code POST /api/market/candles/import},
     * as a user imports them: they become that user's own (the symbol's assets read from its name).
     */
    void storeImported(UUID user, String symbol, RealCandles candles, Interval interval) {
        StringBuilder csv = new StringBuilder("open_time,open,high,low,close,volume\n");
        for (int i = 0; i < candles.size(); i++) {
            for (int column = 0; column < 6; column++) {
                csv.append(candles.text(i, column)).append(column < 5 ? ',' : '\n');
            }
        }
        importCsv(user, symbol, interval, csv.toString());
    }

    /** A candle file imported by {@code user} through the import route; its answer must be 200. */
    void importCsv(UUID user, String symbol, Interval interval, String csv) {
        APIGatewayV2HTTPResponse imported = importCandles.apply(ApiEvents.post("/api/market/candles/import?symbol=" + symbol
                + "&interval=" + interval.code(), csv).header("Content-Type", "text/csv").authorizedAs(user).event());
        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(200);
    }

    /** As if the bot had been started at {@code at}, without its first run. */
    void runningSince(UUID bot, Instant at) {
        jdbc.update("update bots set status = 'running', started_at = ? where id = ?", Timestamp.from(at), bot);
    }
}
