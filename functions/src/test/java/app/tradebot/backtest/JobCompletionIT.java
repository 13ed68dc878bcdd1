package app.tradebot.backtest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.jobs.JobKind;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.platform.jobs.Lease;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A finished backtest or optimisation queues its notification in the transaction that stores the
 * result, and only then; submitting over the quota of active jobs is a 429 that stores nothing.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"tradebot.quotas.active-backtests=2", "tradebot.quotas.active-optimizations=1"})
class JobCompletionIT {

    static {
        TestServices.install();
    }

    @Autowired
    JobCompletion completion;

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Fernet fernet;

    @Autowired
    @Qualifier("submitBacktest")
    ApiFunction submit;

    UUID user;
    UUID webhook;

    @BeforeEach
    void userWithAWebhook() {
        BacktestSupport.storeRealCandles(jdbc);
        jdbc.execute("truncate table users cascade");
        user = BacktestSupport.user(jdbc);
        webhook = UUID.randomUUID();
        jdbc.update("""
                insert into notification_channels (id, user_id, kind, url, secret_enc, events, created_at)
                values (?, ?, 'webhook', 'https://hooks.example.com/x', ?, 'backtest.completed,optimization.completed', now())
                """, webhook, user, fernet.encrypt("whsec_test"));
    }

    UUID job(JobKind kind, String status) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into " + kind.table() + " (id, user_id, request, status) values (?, ?, '{}'::jsonb, ?)", id, user,
                status);
        return id;
    }

    /** A run of a queued job, as a worker claims it. */
    Lease claimed(JobKind kind) {
        return jobs.claim(kind, job(kind, "queued")).orElseThrow();
    }

    List<Map<String, Object>> deliveries() {
        return jdbc.queryForList("select event_type, body, status from notification_deliveries where channel_id = ?", webhook);
    }

    @Test
    void aStoredResultQueuesOneDeliveryAndALateOneNone() {
        Lease lease = claimed(BacktestFunctions.BACKTESTS);
        UUID id = lease.id();

        assertThat(completion.succeed(lease, "{\"metrics\":{}}", Map.of("symbol", "BTCUSD"))).isTrue();
        assertThat(completion.succeed(lease, "{\"metrics\":{}}", Map.of("symbol", "BTCUSD"))).isFalse();

        List<Map<String, Object>> queued = deliveries();
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0)).containsEntry("event_type", "backtest.completed");
        JsonNode body = BacktestSupport.JSON.readTree((String) queued.get(0).get("body"));
        assertThat(body.get("type").asString()).isEqualTo("backtest.completed");
        assertThat(body.get("data").get("backtestId").asString()).isEqualTo(id.toString());
        assertThat(body.get("data").get("symbol").asString()).isEqualTo("BTCUSD");
        assertThat(jdbc.queryForObject("select status from backtests where id = ?", String.class, id)).isEqualTo("succeeded");
    }

    @Test
    void aCancelledOptimisationTellsNobody() {
        Lease cancelled = claimed(BacktestFunctions.OPTIMIZATIONS);
        jdbc.update("update optimizations set status = 'cancelled' where id = ?", cancelled.id());

        assertThat(completion.succeed(cancelled, "{}", Map.of())).isFalse();
        assertThat(deliveries()).isEmpty();

        assertThat(completion.succeed(claimed(BacktestFunctions.OPTIMIZATIONS), "{}", Map.of("runs", 12))).isTrue();
        assertThat(deliveries()).singleElement().satisfies(d -> assertThat(d).containsEntry("event_type", "optimization.completed"));
    }

    @Test
    void submittingOverTheQuotaOfActiveBacktestsIsA429AndStoresNothing() {
        job(BacktestFunctions.BACKTESTS, "queued");
        job(BacktestFunctions.BACKTESTS, "running");
        job(BacktestFunctions.BACKTESTS, "succeeded");

        APIGatewayV2HTTPResponse over = BacktestSupport.call(submit, ApiEvents.post("/api/backtests", BacktestWorkerIT.smaCross()), user);

        assertThat(over.getStatusCode()).as(over.getBody()).isEqualTo(429);
        assertThat(over.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(BacktestSupport.body(over).get("detail").asString())
                .isEqualTo("Quota reached: at most 2 queued or running backtests per user.");
        assertThat(jdbc.queryForObject("select count(*) from backtests where user_id = ?", Integer.class, user)).isEqualTo(3);

        jdbc.update("update backtests set status = 'failed' where user_id = ? and status = 'running'", user);
        assertThat(BacktestSupport.call(submit, ApiEvents.post("/api/backtests", BacktestWorkerIT.smaCross()), user)
                .getStatusCode()).isEqualTo(202);
    }
}
