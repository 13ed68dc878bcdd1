package app.tradebot.bots;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.TestServices;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.paper.PaperExchanges;
import app.tradebot.strategy.RealCandles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The equity history of a paper account a replay bot trades on. A replay's fills are made at stored candles'
 * prices: mid-replay the account holds coins bought at those prices, and a snapshot after each fill valued
 * them at today's price (the equity chart jumped between tens of thousands within a minute). A replay's
 * fills (its market orders, its resting limits taken in from its candles, its protective exits) publish no
 * snapshot one by one; its end publishes one, in the transaction that stops it, which values the account as
 * the replay left it (as the scheduled snapshot values it), so an account that only replays still has its
 * equity history. A live paper bot's fills still publish one of their account.
 */
class ReplayEquityIT extends BotsSupport {

    static final String QUEUE = "schedule.snapshotEquity";
    static final Instant FROM = Instant.parse("2021-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2022-01-01T00:00:00Z");

    @Autowired
    PaperExchanges paper;

    @Autowired @Qualifier("snapshotEquity")
    Consumer<org.springframework.messaging.Message<byte[]>> snapshotEquity;

    CachingConnectionFactory rabbit;
    RabbitTemplate template;

    @BeforeEach
    void noSnapshotsYet() {
        rabbit = TestServices.rabbit();
        template = new RabbitTemplate(rabbit);
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        assertThat(admin.getQueueInfo(QUEUE)).as("the snapshots' queue is declared").isNotNull();
        admin.purgeQueue(QUEUE, false);
        jdbc.update("delete from outbox where function = 'snapshotEquity'");
        jdbc.update("delete from equity_snapshots");
    }

    @AfterEach
    void closeRabbit() {
        rabbit.destroy();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // market buys and sells, with stop-loss and take-profit held by the bot and sold at market when reached
            "\"strategy\":\"sma-cross\",\"params\":{\"fast\":10,\"slow\":30,\"stopLoss\":0.05,\"takeProfit\":0.2},"
                    + "\"sizing\":{\"type\":\"percent\",\"value\":\"100\"}",
            // resting limits filled by the replay's candles
            "\"strategy\":\"grid\",\"params\":{\"lower\":20000,\"upper\":60000,\"levels\":9,\"amountPerLevel\":1000},"
                    + "\"sizing\":{\"type\":\"fixed\",\"value\":\"1000\"}" })
    void aReplaysFillsPublishOneSnapshotOfItsAccountAsItEndsNotOneAFill(String strategy) {
        storeImported(alice, ReplayParityIT.SYMBOL, RealCandles.btcUsd4h(), Interval.H4);
        UUID account = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Replay', 'paper')", account, alice);
        paper.open(account, Map.of("USD", new BigDecimal("10000")));
        UUID bot = created(alice, "{\"name\":\"Replay\",\"accountId\":\"" + account + "\",\"symbol\":\""
                + ReplayParityIT.SYMBOL + "\",\"interval\":\"4h\"," + strategy + ","
                + "\"replay\":{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}}");
        assertThat(call(startBot, "POST", "/api/bots/{id}/start", bot, null, alice).getStatusCode()).isEqualTo(200);

        run(bot);

        assertThat(jdbc.queryForObject("select status from bots where id = ?", String.class, bot)).isEqualTo("stopped");
        assertThat(jdbc.queryForObject("select last_error from bots where id = ?", String.class, bot))
                .as("it ran to the end of its range").isNull();
        assertThat(jdbc.queryForObject("select count(*) from bot_fills where bot_id = ?", Integer.class, bot))
                .as("the replay traded").isGreaterThan(10);
        List<String> published = published();
        assertThat(published).as("one snapshot of the replay's account, at its end, none for each of its fills")
                .filteredOn(p -> p.contains(account.toString())).hasSize(1);
        published.forEach(payload -> snapshotEquity.accept(message(payload)));
        assertThat(equity(account)).as("the account's equity history has one point from the replay, none mid-replay")
                .hasSize(1);

        snapshotEquity.accept(message("{\"job\":\"snapshotEquity\",\"scheduledTime\":\"" + Instant.now() + "\"}"));

        List<BigDecimal> equity = equity(account);
        assertThat(equity).as("the scheduled snapshot values the account as before").hasSize(2);
        assertThat(equity.get(0)).as("the replay's point is the account as it ended, valued now, as the scheduled one")
                .isEqualByComparingTo(equity.get(1));
        assertThat(equity.get(0)).as("the replay moved the account").isNotEqualByComparingTo("10000");
    }

    @Test
    void aLivePaperBotsFillsStillPublishASnapshotOfTheirAccount() {
        List<Kline> klines = minutes(RunBotIT.CLOSES, new BigDecimal("110"));
        UUID bot = created(alice, botBody(alicePaper, StopAllBotsIT.CATCH_UP));
        runningSince(bot, klines.get(9).openTime().plusSeconds(30));
        tick(klines.get(klines.size() - 1).closeTime().plusMillis(1));

        run(bot);

        assertThat(jdbc.queryForObject("select count(*) from bot_fills where bot_id = ?", Integer.class, bot))
                .as("the bot bought").isPositive();
        List<String> published = published();
        assertThat(published).as("a snapshot of the bot's account after its fills")
                .anyMatch(p -> p.contains(alicePaper.toString()));
        published.forEach(payload -> snapshotEquity.accept(message(payload)));
        assertThat(snapshots(alicePaper)).isPositive();
        assertThat(snapshots(bobPaper)).as("only the account that filled").isZero();
    }

    /** The snapshot tasks published so far: those sent to the queue and those still waiting in the outbox. */
    List<String> published() {
        List<String> payloads = new ArrayList<>(jdbc.queryForList(
                "select payload::text from outbox where function = 'snapshotEquity'", String.class));
        Message sent;
        while ((sent = template.receive(QUEUE, 1_000)) != null) {
            payloads.add(new String(sent.getBody(), StandardCharsets.UTF_8));
        }
        return payloads;
    }

    /** The account's equity history, oldest first. */
    List<BigDecimal> equity(UUID account) {
        return jdbc.queryForList("select equity_usdt from equity_snapshots where account_id = ? order by at",
                BigDecimal.class, account);
    }

    int snapshots(UUID account) {
        return jdbc.queryForObject("select count(*) from equity_snapshots where account_id = ?", Integer.class, account);
    }
}
