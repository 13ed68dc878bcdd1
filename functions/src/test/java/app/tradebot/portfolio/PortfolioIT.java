package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.RecordingAuditTrail;
import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.exchange.paper.PaperExchanges;
import app.tradebot.orders.FillListener;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The portfolio functions against the real PostgreSQL, Redis and RabbitMQ, with Binance accounts on the fake
 * Binance over HTTP: balances valued at the latest stored closes, the bots' PnL, the equity history and its
 * downsampling, the snapshot after a fill, bad input, and the balance reconciliation's drifts.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(RecordingAuditTrail.class)
class PortfolioIT {

    static {
        TestServices.install();
    }

    static final FakeBinance BINANCE = FakeBinance.start();
    static final String SECRET = "PortfolioSecret0" + "s".repeat(48);
    static final BigDecimal PFX_CLOSE = new BigDecimal("12.345");

    @DynamicPropertySource
    static void binance(DynamicPropertyRegistry registry) {
        BINANCE.registerBaseUrls(registry);
    }

    @AfterAll
    static void stopBinance() {
        BINANCE.close();
    }

    final JsonMapper json = JsonMapper.builder().build();

    @Autowired @Qualifier("createExchangeAccount") ApiFunction createAccount;
    @Autowired @Qualifier("getPortfolio") ApiFunction getPortfolio;
    @Autowired @Qualifier("getEquity") ApiFunction getEquity;
    @Autowired @Qualifier("getBot") ApiFunction getBot;
    @Autowired @Qualifier("importCandles") ApiFunction importCandles;
    @Autowired @Qualifier("snapshotEquity") Consumer<org.springframework.messaging.Message<byte[]>> snapshotEquity;
    @Autowired @Qualifier("reconcileBalances") Consumer<org.springframework.messaging.Message<byte[]>> reconcileBalances;
    @Autowired FillListener fillListener;
    @Autowired PaperExchanges paper;
    @Autowired JdbcTemplate jdbc;
    @Autowired Jdbi jdbi;
    @Autowired RecordingAuditTrail audit;

    UUID alice;
    UUID bob;
    String key;
    UUID binance;
    UUID alicePaper;

    @BeforeEach
    void usersAccountsAndPrices() {
        jdbc.execute("truncate table users, bot_orders, bot_fills, bot_events, equity_snapshots, balance_baselines, "
                + "balance_drifts cascade");
        audit.clear();
        alice = user("alice@example.com");
        bob = user("bob@example.com");
        jdbc.update("""
                insert into symbols (symbol, base_asset, quote_asset, status, source) values ('PFXUSDT', 'PFX', 'USDT', 'TRADING', 'exchange')
                on conflict (symbol) do nothing""");
        jdbc.update("delete from candles where symbol = 'PFXUSDT'");
        // The latest close of any interval is the price: the 1h candle opens after the 1m one.
        candle("1m", "2025-12-31T23:00:00Z", "11");
        candle("1h", "2026-01-01T00:00:00Z", PFX_CLOSE.toPlainString());
        // A key of its own per test: its own account on the fake, its own circuit breaker.
        key = ("PortfolioKey" + UUID.randomUUID().toString().replace("-", "") + "k".repeat(64)).substring(0, 64);
        BINANCE.addKey(key, SECRET, new KeyPermissions(true, true, false));
        BINANCE.setBalance(key, "USDT", new BigDecimal("1000.5"));
        BINANCE.setBalance(key, "PFX", new BigDecimal("2"));
        binance = account(alice, "{\"name\":\"Main\",\"kind\":\"binance\",\"apiKey\":\"" + key + "\",\"apiSecret\":\"" + SECRET
                + "\"}");
        alicePaper = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Paper', 'paper')", alicePaper, alice);
        paper.open(alicePaper, Map.of("USDT", new BigDecimal("50"), "NOPE", new BigDecimal("3")));
    }

    // ---- getPortfolio ----

    @Test
    void accountsAreValuedAtTheLatestClosesAndAnAssetWithoutOneIsUnpriced() {
        JsonNode portfolio = portfolio(alice);

        JsonNode main = account(portfolio, binance);
        assertThat(main.get("venue").asString()).isEqualTo("binance");
        assertThat(main.get("name").asString()).isEqualTo("Main");
        assertThat(main.get("error").isNull()).isTrue();
        assertThat(balances(main)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PFX", "2 0 12.345 24.69", "USDT", "1000.5 0 1 1000.5"));
        assertThat(decimal(main.get("valueUsdt"))).isEqualByComparingTo("1025.19");
        assertThat(main.get("unpriced").size()).isZero();
        assertThat(BINANCE.requests("GET", "/api/v3/account")).as("a Binance account's balances come from the exchange")
                .isNotEmpty();

        JsonNode paperAccount = account(portfolio, alicePaper);
        assertThat(paperAccount.get("venue").asString()).isEqualTo("paper");
        assertThat(balances(paperAccount)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "NOPE", "3 0 null null", "USDT", "50 0 1 50"));
        assertThat(paperAccount.get("unpriced").valueStream().map(JsonNode::asString)).containsExactly("NOPE");
        assertThat(decimal(paperAccount.get("valueUsdt"))).isEqualByComparingTo("50");

        assertThat(decimal(portfolio.get("totals").get("valueUsdt"))).isEqualByComparingTo("1075.19");
        assertThat(portfolio.get("totals").get("valueUsdt").isString()).as("money travels as strings").isTrue();
        assertThat(portfolio.get("asOf").asString()).isNotBlank();

        JsonNode bobs = portfolio(bob);
        assertThat(bobs.get("accounts").size()).as("another user's accounts are not shown").isZero();
        assertThat(decimal(bobs.get("totals").get("valueUsdt"))).isZero();
    }

    @Test
    void anExchangeThatFailsLeavesItsAccountUnvaluedWithTheReasonAndTheOthersShown() {
        BINANCE.failNextFor(key, 20, FakeBinance.Failure.serverError(503));

        JsonNode portfolio = portfolio(alice);

        JsonNode main = account(portfolio, binance);
        assertThat(main.get("error").asString()).startsWith("The exchange refused to give the balances (-1000)")
                .doesNotContain("Exception", "127.0.0.1");
        assertThat(main.get("valueUsdt").isNull()).isTrue();
        assertThat(main.get("balances").size()).isZero();
        assertThat(decimal(account(portfolio, alicePaper).get("valueUsdt"))).isEqualByComparingTo("50");
        assertThat(decimal(portfolio.get("totals").get("valueUsdt"))).as("only what could be read").isEqualByComparingTo("50");
    }

    @Test
    void aBotShowsItsPositionAndPnlAsItsOwnViewDoesAndTheTotalsAddThem() {
        UUID bot = bot(binance, "PFXUSDT", "1h");
        // Bought 2 for 20 USDT (0.002 PFX commission), sold 1 for 12 USDT (0.012 USDT commission).
        fill(binance, bot, 1, "BUY", "10", "2", "20", "0.002", "PFX", "2026-01-01T01:00:00Z");
        fill(binance, bot, 2, "SELL", "12", "1", "12", "0.012", "USDT", "2026-01-01T02:00:00Z");

        JsonNode shown = account(portfolio(alice), binance).get("bots").get(0);
        JsonNode view = body(getBot.apply(ApiEvents.get("/api/bots/" + bot).pathParameter("id", bot.toString())
                .authorizedAs(alice).event()));

        assertThat(shown.get("botId").asString()).isEqualTo(bot.toString());
        assertThat(shown.get("symbol").asString()).isEqualTo("PFXUSDT");
        assertThat(shown.get("quoteAsset").asString()).isEqualTo("USDT");
        assertThat(shown.get("status").asString()).isEqualTo("stopped");
        BigDecimal average = new BigDecimal("20").divide(new BigDecimal("1.998"), 18, RoundingMode.HALF_EVEN);
        assertThat(decimal(shown.get("position"))).isEqualByComparingTo("0.998");
        assertThat(decimal(shown.get("avgEntryPrice"))).isEqualByComparingTo(average);
        assertThat(decimal(shown.get("lastPrice"))).isEqualByComparingTo(PFX_CLOSE);
        assertThat(decimal(shown.get("realisedPnl"))).as("proceeds less fees less the average cost of what was sold")
                .isCloseTo(new BigDecimal("12").subtract(new BigDecimal("0.012")).subtract(average), within(new BigDecimal("1e-17")));
        assertThat(decimal(shown.get("unrealisedPnl")))
                .isEqualByComparingTo(PFX_CLOSE.subtract(decimal(shown.get("avgEntryPrice"))).multiply(new BigDecimal("0.998")));
        // one source: the bot's own view says the same
        assertThat(decimal(shown.get("position"))).isEqualByComparingTo(decimal(view.get("position").get("quantity")));
        assertThat(decimal(shown.get("realisedPnl"))).isEqualByComparingTo(decimal(view.get("realizedPnl")));
        assertThat(decimal(shown.get("unrealisedPnl"))).isEqualByComparingTo(decimal(view.get("unrealizedPnl")));
        assertThat(decimal(shown.get("lastPrice"))).isEqualByComparingTo(decimal(view.get("position").get("markPrice")));
        JsonNode totals = portfolio(alice).get("totals");
        assertThat(decimal(totals.get("realisedPnl"))).isEqualByComparingTo(decimal(shown.get("realisedPnl")));
        assertThat(decimal(totals.get("unrealisedPnl"))).isEqualByComparingTo(decimal(shown.get("unrealisedPnl")));
    }

    // ---- imported candles (issue 12 item 6) ----

    /**
     * A user's imported candles price that user's balances, bots and equity snapshots only; where the exchange
     * has a candle at the same open time, the exchange's close is the price, for the importer too.
     */
    @Test
    void importedCandlesPriceTheImportersPortfolioOnlyAndTheExchangesCloseWins() {
        imported(alice, "XYZUSDT", "2026-01-01T00:00:00Z", "7");
        imported(alice, "PFXUSDT", "2026-01-01T00:00:00Z", "99");
        UUID aliceXyz = paperAccount(alice, Map.of("USDT", new BigDecimal("50"), "XYZ", new BigDecimal("3"),
                "PFX", new BigDecimal("1")));
        UUID bobXyz = paperAccount(bob, Map.of("USDT", new BigDecimal("50"), "XYZ", new BigDecimal("3"),
                "PFX", new BigDecimal("1")));
        UUID aliceBot = bot(alice, aliceXyz, "XYZUSDT", "1h");
        UUID bobBot = bot(bob, bobXyz, "XYZUSDT", "1h");

        JsonNode alices = account(portfolio(alice), aliceXyz);
        assertThat(balances(alices)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "XYZ", "3 0 7 21", "PFX", "1 0 12.345 12.345", "USDT", "50 0 1 50"));
        assertThat(decimal(alices.get("valueUsdt"))).isEqualByComparingTo("83.345");
        assertThat(alices.get("bots").get(0).get("botId").asString()).isEqualTo(aliceBot.toString());
        assertThat(decimal(alices.get("bots").get(0).get("lastPrice"))).isEqualByComparingTo("7");

        JsonNode bobs = account(portfolio(bob), bobXyz);
        assertThat(balances(bobs)).as("alice's imports price nothing of bob's").containsExactlyInAnyOrderEntriesOf(Map.of(
                "XYZ", "3 0 null null", "PFX", "1 0 12.345 12.345", "USDT", "50 0 1 50"));
        assertThat(bobs.get("unpriced").valueStream().map(JsonNode::asString)).containsExactly("XYZ");
        assertThat(decimal(bobs.get("valueUsdt"))).isEqualByComparingTo("62.345");
        assertThat(bobs.get("bots").get(0).get("botId").asString()).isEqualTo(bobBot.toString());
        assertThat(bobs.get("bots").get(0).get("lastPrice").isNull()).isTrue();

        snapshotEquity.accept(message("{\"job\":\"snapshotEquity\",\"scheduledTime\":\"" + Instant.now() + "\"}"));
        assertThat(jdbc.queryForObject("select equity_usdt from equity_snapshots where account_id = ?", BigDecimal.class,
                aliceXyz)).isEqualByComparingTo("83.345");
        assertThat(jdbc.queryForObject("select equity_usdt from equity_snapshots where account_id = ?", BigDecimal.class,
                bobXyz)).isEqualByComparingTo("62.345");
        assertThat(jdbc.queryForObject("select array_to_string(unpriced, ',') from equity_snapshots where account_id = ?",
                String.class, bobXyz)).isEqualTo("XYZ");
    }

    // ---- snapshotEquity and getEquity ----

    @Test
    void theScheduledSnapshotWritesEveryAccountsWorthAndTheRouteReadsIt() {
        Instant before = Instant.now().minusSeconds(1);
        snapshotEquity.accept(message("{\"job\":\"snapshotEquity\",\"scheduledTime\":\"" + Instant.now() + "\"}"));

        assertThat(jdbc.queryForObject("select equity_usdt from equity_snapshots where account_id = ?", BigDecimal.class, binance))
                .isEqualByComparingTo("1025.19");
        assertThat(jdbc.queryForObject("select equity_usdt from equity_snapshots where account_id = ?", BigDecimal.class,
                alicePaper)).isEqualByComparingTo("50");
        assertThat(jdbc.queryForObject("select array_to_string(unpriced, ',') from equity_snapshots where account_id = ?",
                String.class, alicePaper)).isEqualTo("NOPE");

        JsonNode history = equity(alice, "accountId=" + binance + "&from=" + before + "&to=" + Instant.now().plusSeconds(1));
        assertThat(history.get("accountId").asString()).isEqualTo(binance.toString());
        assertThat(history.get("points").size()).isOne();
        assertThat(decimal(history.get("points").get(0).get("equityUsdt"))).isEqualByComparingTo("1025.19");
        JsonNode defaults = equity(alice, "accountId=" + binance);
        assertThat(Duration.between(Instant.parse(defaults.get("from").asString()), Instant.parse(defaults.get("to").asString())))
                .as("a week up to now when no range is given").isEqualTo(Duration.ofDays(7));
        assertThat(defaults.get("points").size()).isOne();
    }

    @Test
    void aLongRangeIsDownsampledToTheLatestSnapshotOfEachOfAThousandEqualSpans() {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        TreeMap<Instant, BigDecimal> written = new TreeMap<>();
        for (int i = 0; i < 5_000; i++) {
            Instant at = from.plus(Duration.ofMinutes(i)).plusMillis(i % 7);
            BigDecimal value = new BigDecimal("1000.000000000000000001").add(BigDecimal.valueOf(i * 37L % 1001, 3));
            written.put(at, value);
            rows.add(new Object[] { binance, alice, Timestamp.from(at), value });
        }
        jdbc.batchUpdate("insert into equity_snapshots (account_id, user_id, at, equity_usdt) values (?, ?, ?, ?)", rows);
        Instant to = written.lastKey();

        JsonNode points = equity(alice, "accountId=" + binance + "&from=" + from + "&to=" + to).get("points");

        long span = Math.floorDiv(Duration.between(from, to).toMillis() + 1 + 999, 1000);
        TreeMap<Long, Map.Entry<Instant, BigDecimal>> latestOfSpan = new TreeMap<>();
        written.entrySet().forEach(e -> latestOfSpan.put(Duration.between(from, e.getKey()).toMillis() / span, e));
        assertThat(points.size()).isEqualTo(latestOfSpan.size()).isLessThanOrEqualTo(1_000).isGreaterThan(900);
        int i = 0;
        for (Map.Entry<Instant, BigDecimal> expected : latestOfSpan.values()) {
            JsonNode point = points.get(i++);
            assertThat(Instant.parse(point.get("time").asString())).isEqualTo(expected.getKey());
            assertThat(point.get("equityUsdt").asString()).as("exact, never averaged")
                    .isEqualTo(expected.getValue().toPlainString());
        }
        assertThat(Instant.parse(points.get(points.size() - 1).get("time").asString())).isEqualTo(to);

        JsonNode few = equity(alice, "accountId=" + binance + "&from=" + from + "&to=" + from.plus(Duration.ofMinutes(10)))
                .get("points");
        assertThat(few.size()).as("a short range is every snapshot").isEqualTo(10);
    }

    @Test
    void aNewAccountsFirstMinutesOfSnapshotsAreAllShownInAMonthsRange() {
        Instant start = Instant.parse("2026-03-01T12:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rows.add(new Object[] { binance, alice, Timestamp.from(start.plusSeconds(i)), new BigDecimal(25_000 + i) });
        }
        jdbc.batchUpdate("insert into equity_snapshots (account_id, user_id, at, equity_usdt) values (?, ?, ?, ?)", rows);
        Instant to = start.plus(Duration.ofMinutes(5));

        JsonNode month = equity(alice, "accountId=" + binance + "&from=" + to.minus(Duration.ofDays(30)) + "&to=" + to);

        // Cut from the range's start, a 30-day range's spans are 43 minutes long: the two minutes would be one point.
        assertThat(month.get("points").size()).isEqualTo(120);
        assertThat(month.get("from").asString()).isEqualTo(to.minus(Duration.ofDays(30)).toString());
        assertThat(month.get("points").get(0).get("time").asString()).isEqualTo(start.toString());
        assertThat(decimal(month.get("points").get(119).get("equityUsdt"))).isEqualByComparingTo("25119");
    }

    @Test
    void aFillPublishesASnapshotOfItsAccountWithItsTransactionOnly() {
        CachingConnectionFactory rabbit = TestServices.rabbit();
        try {
            RabbitAdmin admin = new RabbitAdmin(rabbit);
            RabbitTemplate template = new RabbitTemplate(rabbit);
            String queue = "schedule.snapshotEquity";
            if (admin.getQueueInfo(queue) != null) {
                admin.purgeQueue(queue, false);
            }
            try {
                jdbi.useTransaction(h -> {
                    fillListener.filled(h, alicePaper);
                    throw new IllegalStateException("the fill's transaction fails");
                });
            }
            catch (IllegalStateException expected) {
                // rolled back
            }
            jdbi.useTransaction(h -> fillListener.filled(h, binance));

            Message sent = template.receive(queue, 5_000);
            assertThat(sent).isNotNull();
            String payload = new String(sent.getBody(), StandardCharsets.UTF_8);
            assertThat(payload).contains(binance.toString()).doesNotContain(alicePaper.toString());
            assertThat(template.receive(queue, 500)).as("nothing of the rolled-back fill").isNull();

            snapshotEquity.accept(message(payload));
            assertThat(jdbc.queryForList("select account_id from equity_snapshots", UUID.class)).containsExactly(binance);
        }
        finally {
            rabbit.destroy();
        }
    }

    @Test
    void badEquityRequestsNameTheFieldAndAnotherUsersAccountIsNotFound() {
        UUID bobs = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Bob', 'paper')", bobs, bob);
        String range = "&from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z";
        Map<String, String> cases = new TreeMap<>(Map.of(
                "", "accountId",
                "accountId=" + alicePaper.toString().substring(1), "accountId",
                "accountId=" + binance + "&from=yesterday", "from",
                "accountId=" + binance + "&to=2025-13-01T00:00:00Z", "to",
                "accountId=" + binance + "&from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from",
                "accountId=" + binance + "&from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from"));
        int before = jdbc.queryForObject("select count(*) from equity_snapshots", Integer.class);
        cases.forEach((query, field) -> {
            long started = System.nanoTime();
            APIGatewayV2HTTPResponse response = equityResponse(alice, query);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            JsonNode problem = problem(response, 400);
            assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString())).as(query).containsExactly(field);
        });
        problem(equityResponse(alice, "accountId=" + bobs + range), 404);
        problem(equityResponse(alice, "accountId=" + UUID.randomUUID() + range), 404);
        problem(equityResponse(bob, "accountId=" + binance + range), 404);
        assertThat(jdbc.queryForObject("select count(*) from equity_snapshots", Integer.class)).isEqualTo(before);
    }

    // ---- reconcileBalances ----

    @Test
    void aDepositIsADriftTheBotsFillsAreNotAndAHandSaleIsAShortfall() {
        reconcile();
        assertThat(drifts()).as("the first reading is the baseline").isEmpty();

        BINANCE.setBalance(key, "USDT", new BigDecimal("1500.5"));
        reconcile();
        assertThat(drifts()).containsExactly("UNEXPLAINED USDT 1000.5 1500.5");
        assertThat(audit.events()).extracting(AuditEvent::type).containsExactly(ReconcileBalances.AUDIT_TYPE);
        assertThat(audit.events().get(0).userId()).isEqualTo(alice);
        assertThat(audit.events().get(0).detail()).contains(binance.toString(), "USDT");

        // A bot buys 2 PFX for 20 USDT (commission 0.002 PFX): the exchange moves exactly that.
        UUID bot = bot(binance, "PFXUSDT", "1h");
        fill(binance, bot, 1, "BUY", "10", "2", "20", "0.002", "PFX", "2026-01-01T01:00:00Z");
        BINANCE.setBalance(key, "PFX", new BigDecimal("3.998"));
        BINANCE.setBalance(key, "USDT", new BigDecimal("1480.5"));
        reconcile();
        assertThat(drifts()).as("the bots' fills explain the change").hasSize(1);

        // The user sells 3.5 PFX by hand: the bots believe they hold 1.998, the account has 0.498.
        BINANCE.setBalance(key, "PFX", new BigDecimal("0.498"));
        BINANCE.setBalance(key, "USDT", new BigDecimal("1523.7"));
        reconcile();
        assertThat(drifts()).containsExactly("UNEXPLAINED USDT 1000.5 1500.5", "SHORTFALL PFX 1.998 0.498",
                "UNEXPLAINED PFX 3.998 0.498", "UNEXPLAINED USDT 1480.5 1523.7");
        assertThat(audit.events()).hasSize(4);

        reconcile();
        assertThat(drifts()).as("a shortfall that stays the same is recorded once").hasSize(4);
    }

    @Test
    void anAccountWithAnUnsettledOrderWaitsForTheNextRun() {
        reconcile();
        UUID bot = bot(binance, "PFXUSDT", "1h");
        jdbc.update("""
                insert into bot_orders (id, bot_id, user_id, account_id, symbol, candle_open_time, intent_index, client_order_id,
                    side, type, quantity, status, max_signal_age_ms, decided_at, updated_at)
                values (?, ?, ?, ?, 'PFXUSDT', now(), 0, 'tbPortfolioOpen', 'BUY', 'LIMIT', 1, 'OPEN', 60000, now(), now())""",
                UUID.randomUUID(), bot, alice, binance);
        BINANCE.setBalance(key, "USDT", new BigDecimal("990.5"));
        reconcile();
        assertThat(drifts()).as("postponed while the order is open").isEmpty();

        jdbc.update("update bot_orders set status = 'CANCELED' where account_id = ?", binance);
        reconcile();
        assertThat(drifts()).containsExactly("UNEXPLAINED USDT 1000.5 990.5");
    }

    @Test
    void paperAccountsAreNotReconciled() {
        reconcile();
        assertThat(jdbc.queryForList("select account_id from balance_baselines", UUID.class)).containsExactly(binance);
    }

    // ---- helpers ----

    UUID user(String email) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'not a hash')", id, email);
        return id;
    }

    UUID account(UUID user, String body) {
        APIGatewayV2HTTPResponse created = createAccount.apply(ApiEvents.post("/api/accounts", body).authorizedAs(user).event());
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        return UUID.fromString(body(created).get("id").asString());
    }

    void candle(String interval, String openTime, String close) {
        jdbc.update("insert into candles (symbol, interval, open_time, open, high, low, close, volume) "
                + "values ('PFXUSDT', ?, ?, ?, ?, ?, ?, 1)", interval, Timestamp.from(Instant.parse(openTime)),
                new BigDecimal(close), new BigDecimal(close), new BigDecimal(close), new BigDecimal(close));
    }

    UUID bot(UUID account, String symbol, String interval) {
        return bot(alice, account, symbol, interval);
    }

    UUID bot(UUID user, UUID account, String symbol, String interval) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into bots (id, user_id, account_id, name, symbol, interval, strategy, params, sizing_type, sizing_value)
                values (?, ?, ?, 'Held', ?, ?, 'sma-cross', '{}', 'fixed', 100)""", id, user, account, symbol, interval);
        return id;
    }

    UUID paperAccount(UUID user, Map<String, BigDecimal> balances) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Imports', 'paper')", id, user);
        paper.open(id, balances);
        return id;
    }

    /** A 1h candle closing at {@code close}, imported by {@code user} through the import route. */
    void imported(UUID user, String symbol, String openTime, String close) {
        String csv = Instant.parse(openTime).toEpochMilli() + "," + close + "," + close + "," + close + "," + close + ",1\n";
        APIGatewayV2HTTPResponse response = importCandles.apply(ApiEvents.post("/api/market/candles/import?symbol=" + symbol
                + "&interval=1h", csv).header("Content-Type", "text/csv").authorizedAs(user).event());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    }

    /** A fill as the order path stores it. */
    void fill(UUID account, UUID bot, long tradeId, String side, String price, String quantity, String quote,
            String commission, String commissionAsset, String time) {
        jdbc.update("""
                insert into bot_fills (account_id, symbol, trade_id, order_id, bot_id, exchange_order_id, side, price, quantity,
                    quote_quantity, commission, commission_asset, maker, time)
                values (?, 'PFXUSDT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?)""", account, tradeId, UUID.randomUUID(), bot, tradeId,
                side, new BigDecimal(price), new BigDecimal(quantity), new BigDecimal(quote), new BigDecimal(commission),
                commissionAsset, Timestamp.from(Instant.parse(time)));
    }

    void reconcile() {
        reconcileBalances.accept(message("{\"job\":\"reconcileBalances\",\"scheduledTime\":\"" + Instant.now() + "\"}"));
    }

    List<String> drifts() {
        return jdbc.queryForList("""
                select kind || ' ' || asset || ' ' || trim_scale(expected)::text || ' ' || trim_scale(actual)::text
                from balance_drifts where account_id = ? order by at, kind, asset""", String.class, binance);
    }

    JsonNode portfolio(UUID user) {
        APIGatewayV2HTTPResponse response = getPortfolio.apply(ApiEvents.get("/api/portfolio").authorizedAs(user).event());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return body(response);
    }

    APIGatewayV2HTTPResponse equityResponse(UUID user, String query) {
        return getEquity.apply(ApiEvents.get("/api/portfolio/equity?" + query).authorizedAs(user).event());
    }

    JsonNode equity(UUID user, String query) {
        APIGatewayV2HTTPResponse response = equityResponse(user, query);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return body(response);
    }

    JsonNode problem(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        return body(response);
    }

    static JsonNode account(JsonNode portfolio, UUID id) {
        for (JsonNode account : portfolio.get("accounts")) {
            if (account.get("accountId").asString().equals(id.toString())) {
                return account;
            }
        }
        throw new AssertionError("no account " + id + " in " + portfolio);
    }

    /** asset → "free locked priceUsdt valueUsdt", decimals by value. */
    static Map<String, String> balances(JsonNode account) {
        Map<String, String> balances = new TreeMap<>();
        account.get("balances").forEach(b -> balances.put(b.get("asset").asString(), plain(b.get("free")) + " "
                + plain(b.get("locked")) + " " + plain(b.get("priceUsdt")) + " " + plain(b.get("valueUsdt"))));
        return balances;
    }

    static String plain(JsonNode node) {
        return node == null || node.isNull() ? "null" : new BigDecimal(node.asString()).stripTrailingZeros().toPlainString();
    }

    JsonNode body(APIGatewayV2HTTPResponse response) {
        return json.readTree(response.getBody());
    }

    static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.asString());
    }

    static org.springframework.messaging.Message<byte[]> message(String payload) {
        return MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8)).build();
    }
}
