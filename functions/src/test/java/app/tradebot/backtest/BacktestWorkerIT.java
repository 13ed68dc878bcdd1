package app.tradebot.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.lambda.LambdaInvocations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static app.tradebot.platform.http.JsonDecimals.decimal;
import static app.tradebot.backtest.BacktestSupport.await;
import static app.tradebot.backtest.BacktestSupport.body;
import static app.tradebot.backtest.BacktestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.times;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backtests and optimisations end to end as Compose runs them: the API functions store and queue,
 * the worker (role worker) takes the task from RabbitMQ and runs it against the real 4h BTC candles
 * in Postgres; the expiry job fails what lost its worker.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "tradebot.roles=worker")
@DirtiesContext
class BacktestWorkerIT extends BacktestFunctionsSupport {

    static final String RUNS = "backtest-runs";
    static final String EXPIRY = "schedule.expireBacktests";
    static final String BACKTEST_BINDING = "runBacktest-in-0";
    static final String OPTIMIZATION_BINDING = "runOptimization-in-0";

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    @Qualifier("createStrategy")
    ApiFunction createStrategy;

    @Autowired
    @Qualifier("updateStrategy")
    ApiFunction updateStrategy;

    @Autowired
    @Qualifier("deleteStrategy")
    ApiFunction deleteStrategy;

    @Autowired
    BindingsLifecycleController bindings;

    /** The real completion, which a test can make fail once as PostgreSQL going away would. */
    @MockitoSpyBean
    JobCompletion completion;

    private static CachingConnectionFactory rabbit;
    private static RabbitTemplate rabbitTemplate;
    private static RabbitAdmin admin;

    UUID alice;
    UUID bob;

    @BeforeAll
    static void connect() {
        rabbit = TestServices.rabbit();
        rabbitTemplate = new RabbitTemplate(rabbit);
        admin = new RabbitAdmin(rabbit);
    }

    @AfterAll
    static void disconnect() {
        rabbit.destroy();
    }

    @BeforeEach
    void usersAndCandles() {
        BacktestSupport.storeRealCandles(jdbc);
        alice = BacktestSupport.user(jdbc);
        bob = BacktestSupport.user(jdbc);
    }

    /** A test that stopped the worker's consumers starts them again, also when it failed. */
    @AfterEach
    void consumersStarted() {
        bindings.changeState(BACKTEST_BINDING, BindingsLifecycleController.State.STARTED);
        bindings.changeState(OPTIMIZATION_BINDING, BindingsLifecycleController.State.STARTED);
    }

    static String smaCross() {
        return """
                {"symbol":"BTCUSD","interval":"4h","strategy":"sma-cross","params":{"fast":10,"slow":30},
                 "from":"2016-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z","startingBalance":"10000.00",
                 "feeBps":10,"slippageBps":5,"sizing":{"type":"percent","value":100}}""";
    }

    @Test
    void aSubmittedBacktestRunsOnTheWorkerAndShowsItsReport() {
        APIGatewayV2HTTPResponse submitted = call(submit, ApiEvents.post("/api/backtests", smaCross()), alice);

        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(202);
        JsonNode accepted = body(submitted);
        assertThat(accepted.get("status").asString()).isEqualTo("queued");
        UUID id = UUID.fromString(accepted.get("id").asString());

        JsonNode done = awaitStatus(id, alice, "succeeded");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("request").get("params").get("fast").asInt()).isEqualTo(10);
        JsonNode result = done.get("result");
        JsonNode metrics = result.get("metrics");
        assertThat(result.get("candles").asInt()).isEqualTo(BtcCandles.SIZE);
        assertThat(metrics.get("tradeCount").asInt()).isEqualTo(result.get("trades").size()).isGreaterThan(100);
        assertThat(decimal(metrics.get("buyAndHoldReturn")))
                .isEqualByComparingTo(BigDecimal.valueOf(BtcCandles.series().close()[BtcCandles.SIZE - 1]
                        / BtcCandles.series().open()[0] - 1).setScale(6, RoundingMode.HALF_EVEN));
        for (String figure : List.of("totalReturn", "cagr", "maxDrawdown", "sharpe", "sortino", "winRate", "profitFactor",
                "exposure")) {
            assertThat(decimal(metrics.get(figure))).as(figure).isNotNull();
        }
        JsonNode trade = result.get("trades").get(0);
        assertThat(trade.properties()).extracting(Map.Entry::getKey).containsExactly("entryTime", "entryPrice", "exitTime",
                "exitPrice", "quantity", "fee", "pnl", "exitReason");
        // the first fill is a candle's open plus 5 bp, never a close
        long entry = Instant.parse(trade.get("entryTime").asString()).toEpochMilli();
        int index = Arrays.binarySearch(BtcCandles.series().openTimes(), entry);
        assertThat(decimal(trade.get("entryPrice"))).isEqualByComparingTo(
                BacktestReport.money(BtcCandles.series().open()[index] * 1.0005));
        JsonNode curve = result.get("equityCurve");
        assertThat(curve.size()).isBetween(1000, 2000);
        assertThat(decimal(curve.get(curve.size() - 1).get("equity")))
                .isEqualByComparingTo(decimal(result.get("finalEquity")));

        Map<String, Object> row = jdbc.queryForMap("select status, attempt, started_at, finished_at from backtests where id = ?", id);
        assertThat(row).containsEntry("status", "succeeded").containsEntry("attempt", 1);

        JsonNode listed = body(call(list, ApiEvents.get("/api/backtests"), alice)).get("backtests");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(id.toString());
        assertThat(listed.get(0).get("metrics").get("tradeCount").asInt()).isEqualTo(metrics.get("tradeCount").asInt());
        assertThat(body(call(list, ApiEvents.get("/api/backtests"), bob)).get("backtests")).isEmpty();
    }

    @Test
    void anotherUsersBacktestIsNotFoundWhateverIsAsked() {
        UUID id = insert(alice, "queued", smaCross());

        for (var function : List.of(get, delete, cancel)) {
            APIGatewayV2HTTPResponse answer = call(function, onId("GET", id), bob);
            assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(404);
            assertThat(body(answer).get("detail").asString()).isEqualTo("No such backtest.");
        }
        assertThat(call(get, onId("GET", UUID.randomUUID()), alice).getStatusCode()).isEqualTo(404);
        assertThat(call(get, ApiEvents.get("/api/backtests/x").pathParameter("id", "not-a-uuid"), alice).getStatusCode())
                .isEqualTo(404);
        assertThat(status(id)).isEqualTo("queued");
    }

    @Test
    void aCancelledBacktestStaysCancelledWhenItsTaskArrives() {
        UUID id = insert(alice, "queued", smaCross());

        APIGatewayV2HTTPResponse cancelled = call(cancel, onId("POST", id), alice);
        assertThat(cancelled.getStatusCode()).as(cancelled.getBody()).isEqualTo(200);
        assertThat(body(cancelled).get("status").asString()).isEqualTo("cancelled");
        APIGatewayV2HTTPResponse again = call(cancel, onId("POST", id), alice);
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(body(again).get("detail").asString()).contains("cancelled already");

        publish(RUNS, "{\"id\":\"" + id + "\"}");
        UUID marker = runToEnd();

        assertThat(status(marker)).isEqualTo("succeeded");
        assertThat(jdbc.queryForMap("select status, attempt from backtests where id = ?", id))
                .containsEntry("status", "cancelled").containsEntry("attempt", 0);
    }

    @Test
    void aRedeliveredTaskDoesNotRunAFinishedBacktestAgain() {
        UUID id = runToEnd();
        Timestamp finished = jdbc.queryForObject("select finished_at from backtests where id = ?", Timestamp.class, id);

        publish(RUNS, "{\"id\":\"" + id + "\"}");
        runToEnd();

        assertThat(jdbc.queryForMap("select status, attempt, finished_at from backtests where id = ?", id))
                .containsEntry("status", "succeeded").containsEntry("attempt", 1).containsEntry("finished_at", finished);
    }

    @Test
    void aRunThatFailsEndsFailedWithTheReason() {
        // stored as submitted, but the candles are gone by the time the worker runs it
        UUID id = insert(alice, "queued", smaCross().replace("\"BTCUSD\"", "\"GONEUSD\""));

        publish(RUNS, "{\"id\":\"" + id + "\"}");

        JsonNode failed = awaitStatus(id, alice, "failed");
        assertThat(failed.get("error").asString()).isEqualTo("No GONEUSD 4h candles are stored in the range any more.");
        assertThat(failed.get("result").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select finished_at from backtests where id = ?", Timestamp.class, id)).isNotNull();
    }

    /**
     * PostgreSQL going away as the result is written (a restart, a failover) is not the run's fault: the job is
     * queued again with a new task, and the worker runs it again to the end, instead of ending it failed.
     */
    @Test
    void aRunThatTheDatabaseInterruptedIsQueuedAgainAndRunsAgain() {
        UUID id = insert(alice, "queued", smaCross());
        org.mockito.Mockito.doThrow(new CannotGetJdbcConnectionException("PostgreSQL is restarting"))
                .doCallRealMethod()
                .when(completion).succeed(argThat(lease -> lease != null && lease.id().equals(id)), any(), any());

        publish(RUNS, "{\"id\":\"" + id + "\"}");

        awaitStatus(id, alice, "succeeded");
        assertThat(jdbc.queryForMap("select status, attempt, error from backtests where id = ?", id))
                .containsEntry("status", "succeeded").containsEntry("attempt", 2).containsEntry("error", null);
        verify(completion, times(2)).succeed(argThat(lease -> lease != null && lease.id().equals(id)), any(), any());
    }

    /** A job a lost server interrupted on each of its runs is not queued for ever: its fifth run ends it failed. */
    @Test
    void aJobInterruptedOnEachOfItsRunsEndsFailedOnItsLast() {
        UUID id = insert(alice, "queued", smaCross());
        jdbc.update("update backtests set attempt = ? where id = ?", RunBacktest.MAX_RUNS - 1, id);
        org.mockito.Mockito.doThrow(new CannotGetJdbcConnectionException("PostgreSQL is restarting"))
                .when(completion).succeed(argThat(lease -> lease != null && lease.id().equals(id)), any(), any());

        publish(RUNS, "{\"id\":\"" + id + "\"}");

        JsonNode failed = awaitStatus(id, alice, "failed");
        assertThat(failed.get("error").asString()).isEqualTo("PostgreSQL is restarting");
        assertThat(jdbc.queryForObject("select attempt from backtests where id = ?", Integer.class, id))
                .isEqualTo(RunBacktest.MAX_RUNS);
    }

    /** A failure of the run itself is not given back: it ends failed at once, on its first attempt. */
    @Test
    void aRunThatFailsOnItsOwnIsNotQueuedAgain() {
        UUID id = insert(alice, "queued", smaCross());
        org.mockito.Mockito.doThrow(new IllegalStateException("the report cannot be written"))
                .when(completion).succeed(argThat(lease -> lease != null && lease.id().equals(id)), any(), any());

        publish(RUNS, "{\"id\":\"" + id + "\"}");

        JsonNode failed = awaitStatus(id, alice, "failed");
        assertThat(failed.get("error").asString()).isEqualTo("the report cannot be written");
        assertThat(jdbc.queryForObject("select attempt from backtests where id = ?", Integer.class, id)).isEqualTo(1);
    }

    @Test
    void theExpiryJobFailsARunningBacktestWhoseWorkerStopped() {
        UUID stale = insert(alice, "running", smaCross());
        UUID alive = insert(alice, "running", smaCross());
        jdbc.update("update backtests set heartbeat_at = now() - interval '5 minutes' where id = ?", stale);
        jdbc.update("update backtests set heartbeat_at = now() - interval '30 seconds' where id = ?", alive);

        publish(EXPIRY, "{\"job\":\"expireBacktests\",\"scheduledTime\":\"" + Instant.now() + "\"}");

        JsonNode failed = awaitStatus(stale, alice, "failed");
        assertThat(failed.get("error").asString()).isEqualTo(BacktestFunctions.WORKER_STOPPED);
        assertThat(status(alive)).isEqualTo("running");
    }

    /** The task as Lambda's Amazon MQ event source would deliver it to FunctionInvoker: the same run. */
    @Test
    void theTaskThroughFunctionInvokerRunsTheBacktestLikeTheWorker() {
        UUID id = insert(alice, "queued", smaCross());

        LambdaInvocations.invoke("runBacktest", LambdaInvocations.amazonMqEvent(RUNS, List.of("{\"id\":\"" + id + "\"}")));

        JsonNode done = body(call(get, onId("GET", id), alice));
        UUID viaWorker = runToEnd();
        JsonNode worker = body(call(get, onId("GET", viaWorker), alice));
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("result")).isEqualTo(worker.get("result"));
        // the Lambda's context, beside the worker, added no consumer of its own
        assertThat(admin.getQueueInfo(RUNS).getConsumerCount()).isEqualTo(1);
    }

    @Test
    void deletingABacktestRemovesItAndOnlyItsOwnerCan() {
        UUID id = insert(alice, "succeeded", smaCross());

        assertThat(call(delete, onId("DELETE", id), bob).getStatusCode()).isEqualTo(404);
        APIGatewayV2HTTPResponse deleted = call(delete, onId("DELETE", id), alice);

        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(deleted.getBody()).isNull();
        assertThat(call(get, onId("GET", id), alice).getStatusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from backtests where id = ?", Integer.class, id)).isZero();
    }

    @Test
    void anOptimisationRanksItsRunsAndReportsOutOfSampleResults() {
        String request = """
                {"symbol":"BTCUSD","interval":"4h","strategy":"sma-cross","params":{},
                 "ranges":{"fast":{"min":5,"max":20,"step":5},"slow":{"min":30,"max":60,"step":10}},
                 "search":"grid","maxRuns":100,"rankBy":"sharpe","walkForward":{"inSampleFraction":0.7,"topN":3},
                 "from":"2016-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z","startingBalance":10000,
                 "feeBps":10,"slippageBps":5,"sizing":{"type":"percent","value":100}}""";

        JsonNode done = optimised(request);
        String id = done.get("id").asString();
        JsonNode result = done.get("result");
        assertThat(result.get("runs").asInt()).isEqualTo(16);
        assertThat(result.get("inSampleCandles").asInt()).isEqualTo((int) (BtcCandles.SIZE * 0.7));
        assertThat(result.get("outOfSampleCandles").asInt()).isEqualTo(BtcCandles.SIZE - (int) (BtcCandles.SIZE * 0.7));
        JsonNode best = result.get("best");
        assertThat(best).hasSize(16);
        for (int r = 1; r < best.size(); r++) {
            assertThat(decimal(best.get(r - 1).get("metrics").get("sharpe")))
                    .isGreaterThanOrEqualTo(decimal(best.get(r).get("metrics").get("sharpe")));
        }
        assertThat(best.get(0).get("outOfSample").get("tradeCount").asInt()).isPositive();
        assertThat(best.get(2).get("outOfSample").isNull()).isFalse();
        assertThat(best.get(3).get("outOfSample").isNull()).isTrue();
        assertThat(best.get(0).get("outOfSampleUndefinedCandles").asInt()).as("a built-in decides on every candle").isZero();
        assertThat(best.get(3).get("outOfSampleUndefinedCandles").isNull()).as("not run out of sample").isTrue();
        assertThat(call(getOptimization, ApiEvents.get("/api/optimizations/" + id).pathParameter("id", id), bob)
                .getStatusCode()).isEqualTo(404);
    }

    /** sma-cross written in the rule language: the same trades as the built-in (RulesEquivalenceTest). */
    static final String SMA_RULES = """
            param fast: integer [1, 500] = 20
            param slow: integer [2, 1000] = 50
            entry: sma(close, fast) crosses above sma(close, slow)
            exit: sma(close, fast) crosses below sma(close, slow)
            """;

    /**
     * A user strategy through the job path: submitted by its name, pinned to the version saved then (an edit
     * after the submission changes nothing), run by the worker, read back: the same report as the built-in it
     * rewrites, to the last digit, trades and equity curve included.
     */
    @Test
    void aBacktestOfAUserStrategyRunsOnTheWorkerAtItsPinnedVersion() {
        String strategyId = savedStrategy(alice, "my-sma", SMA_RULES);

        APIGatewayV2HTTPResponse submitted = call(submit, ApiEvents.post("/api/backtests",
                smaCross().replace("\"sma-cross\"", "\"my-sma\"")), alice);
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(202);
        UUID mine = UUID.fromString(body(submitted).get("id").asString());
        editStrategy(alice, strategyId, "my-sma", SMA_RULES.replace("crosses above", "crosses below"));
        UUID builtIn = runToEnd();

        JsonNode done = awaitStatus(mine, alice, "succeeded");
        JsonNode reference = body(call(get, onId("GET", builtIn), alice));
        assertThat(done.get("request").get("strategy").asString()).isEqualTo("user:" + strategyId + "@1");
        assertThat(done.get("request").get("params")).isEqualTo(reference.get("request").get("params"));
        assertThat(done.get("result").get("trades").size()).isGreaterThan(100);
        assertThat(done.get("result")).isEqualTo(reference.get("result"));

        // another user cannot run it, by name or by reference
        for (String strategy : List.of("my-sma", "user:" + strategyId, "user:" + strategyId + "@1")) {
            APIGatewayV2HTTPResponse refused = call(submit, ApiEvents.post("/api/backtests",
                    smaCross().replace("\"sma-cross\"", "\"" + strategy + "\"")), bob);
            assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(400);
            assertThat(body(refused).get("errors").get(0).get("field").asString()).isEqualTo("strategy");
        }
    }

    /** Its parameters are optimised like a built-in's: the same ranking and figures as the built-in it rewrites. */
    @Test
    void anOptimisationOfAUserStrategysParametersRunsOnTheWorker() {
        String strategyId = savedStrategy(alice, "my-sma", SMA_RULES);
        String request = """
                {"symbol":"BTCUSD","interval":"4h","strategy":"STRATEGY","params":{},
                 "ranges":{"fast":{"min":5,"max":10,"step":5},"slow":{"min":30,"max":40,"step":10}},
                 "search":"grid","maxRuns":10,"rankBy":"sharpe","walkForward":{"inSampleFraction":0.7,"topN":2},
                 "from":"2016-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z","startingBalance":10000,
                 "feeBps":10,"slippageBps":5,"sizing":{"type":"percent","value":100}}""";

        JsonNode mine = optimised(request.replace("STRATEGY", "my-sma"));
        JsonNode builtIn = optimised(request.replace("STRATEGY", "sma-cross"));

        assertThat(mine.get("request").get("strategy").asString()).isEqualTo("user:" + strategyId + "@1");
        assertThat(mine.get("result").get("runs").asInt()).isEqualTo(4);
        assertThat(mine.get("result").get("best")).hasSize(4);
        assertThat(mine.get("result").get("best").get(0).get("outOfSample").isNull()).isFalse();
        assertThat(mine.get("result")).isEqualTo(builtIn.get("result"));

        // a range outside the strategy's own bounds is refused before anything is queued
        APIGatewayV2HTTPResponse refused = call(submitOptimization, ApiEvents.post("/api/optimizations",
                request.replace("STRATEGY", "my-sma").replace("\"max\":10,", "\"max\":600,")), alice);
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(400);
        assertThat(refused.getBody()).contains("fast");
    }

    /** A strategy that divides by zero when p is 3: undefined on every candle, so that set never buys. */
    private static final String ZERO_DIVIDE = """
            param p: integer [1, 10] = 1
            # divides by zero when p is 3: undefined on every candle, so it never buys
            entry: close / (p - 3) > 0
            exit: close < 0
            """;

    /**
     * Each run of an optimisation counts the candles where the strategy's deciding rule was undefined (nothing
     * traded there), as a backtest of the same parameters counts them.
     */
    @Test
    void eachOptimisationRunCountsItsUndefinedCandlesAsTheBacktestDoes() {
        savedStrategy(alice, "zero-divide", ZERO_DIVIDE);
        JsonNode result = optimised("""
                {"symbol":"BTCUSD","interval":"4h","strategy":"zero-divide","params":{},"ranges":{"p":{"values":[2,3,4]}},
                 "search":"grid","maxRuns":10,"rankBy":"totalReturn",
                 "from":"2016-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z","startingBalance":10000,
                 "feeBps":10,"slippageBps":5,"sizing":{"type":"percent","value":100}}""").get("result");
        APIGatewayV2HTTPResponse submitted = call(submit, ApiEvents.post("/api/backtests", smaCross()
                .replace("\"sma-cross\"", "\"zero-divide\"").replace("{\"fast\":10,\"slow\":30}", "{\"p\":3}")), alice);
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(202);
        JsonNode backtest = awaitStatus(UUID.fromString(body(submitted).get("id").asString()), alice, "succeeded");

        Map<Integer, Integer> undefined = new TreeMap<>();
        result.get("best").forEach(run -> undefined.put(run.get("params").get("p").asInt(), run.get("undefinedCandles").asInt()));
        assertThat(undefined).containsExactly(Map.entry(2, 0), Map.entry(3, result.get("inSampleCandles").asInt()),
                Map.entry(4, 0));
        assertThat(backtest.get("result").get("undefinedCandles").asInt()).isEqualTo(undefined.get(3)).isPositive();
    }

    /**
     * A walk-forward optimisation's runs out of sample count their own undefined candles, as their runs in sample
     * count theirs: the set dividing by zero is undefined on every candle of both parts, the others on none.
     */
    @Test
    void eachOutOfSampleRunCountsItsOwnUndefinedCandles() {
        savedStrategy(alice, "zero-divide", ZERO_DIVIDE);
        JsonNode result = optimised("""
                {"symbol":"BTCUSD","interval":"4h","strategy":"zero-divide","params":{},"ranges":{"p":{"values":[2,3,4]}},
                 "search":"grid","maxRuns":10,"rankBy":"totalReturn","walkForward":{"inSampleFraction":0.7,"topN":3},
                 "from":"2016-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z","startingBalance":10000,
                 "feeBps":10,"slippageBps":5,"sizing":{"type":"percent","value":100}}""").get("result");

        Map<Integer, Integer> inSample = new TreeMap<>();
        Map<Integer, Integer> outOfSample = new TreeMap<>();
        result.get("best").forEach(run -> {
            inSample.put(run.get("params").get("p").asInt(), run.get("undefinedCandles").asInt());
            outOfSample.put(run.get("params").get("p").asInt(), run.get("outOfSampleUndefinedCandles").asInt());
        });
        int outOfSampleCandles = result.get("outOfSampleCandles").asInt();
        assertThat(outOfSampleCandles).isPositive();
        assertThat(outOfSample).containsExactly(Map.entry(2, 0), Map.entry(3, outOfSampleCandles), Map.entry(4, 0));
        assertThat(inSample).containsExactly(Map.entry(2, 0), Map.entry(3, result.get("inSampleCandles").asInt()),
                Map.entry(4, 0));
    }

    /**
     * A user strategy cannot be deleted while a backtest or an optimisation of it waits for the worker (or
     * runs): its source would be gone when the worker compiles it. The delete is refused (409) and the job
     * runs at its pinned version once the worker takes it; a cancelled or finished job holds nothing, and
     * then the delete goes through. The database holds the line too, whatever races the check.
     */
    @Test
    void aStrategyCannotBeDeletedWhileABacktestOrOptimisationOfItIsQueued() {
        String strategyId = savedStrategy(alice, "my-sma", SMA_RULES);
        UUID strategy = UUID.fromString(strategyId);
        String optimisation = """
                {"symbol":"BTCUSD","interval":"4h","strategy":"my-sma","params":{},
                 "ranges":{"fast":{"min":5,"max":10,"step":5},"slow":{"min":30,"max":40,"step":10}},
                 "search":"grid","maxRuns":10,"rankBy":"sharpe",
                 "from":"2016-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z","startingBalance":10000,
                 "feeBps":10,"slippageBps":5,"sizing":{"type":"percent","value":100}}""";
        UUID backtest;
        String optimisationId;
        bindings.changeState(BACKTEST_BINDING, BindingsLifecycleController.State.STOPPED);
        bindings.changeState(OPTIMIZATION_BINDING, BindingsLifecycleController.State.STOPPED);
        try {
            APIGatewayV2HTTPResponse submitted = call(submit, ApiEvents.post("/api/backtests",
                    smaCross().replace("\"sma-cross\"", "\"my-sma\"")), alice);
            assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(202);
            backtest = UUID.fromString(body(submitted).get("id").asString());
            APIGatewayV2HTTPResponse optimising = call(submitOptimization, ApiEvents.post("/api/optimizations", optimisation),
                    alice);
            assertThat(optimising.getStatusCode()).as(optimising.getBody()).isEqualTo(202);
            optimisationId = body(optimising).get("id").asString();
            assertThat(status(backtest)).isEqualTo("queued");

            APIGatewayV2HTTPResponse refused = call(deleteStrategy, onStrategy(strategyId), alice);
            assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(409);
            assertThat(body(refused).get("detail").asString()).isEqualTo("A backtest or an optimisation of this strategy is "
                    + "queued or running: wait for it to end, or cancel it, first.");
            assertThat(jdbc.queryForObject("select count(*) from user_strategy_versions where strategy_id = ?",
                    Integer.class, strategy)).isEqualTo(1);
            assertThatThrownBy(() -> jdbc.update("delete from user_strategies where id = ?", strategy))
                    .isInstanceOf(DataIntegrityViolationException.class);

            // cancelled, the backtest holds nothing; the queued optimisation still does
            assertThat(call(cancel, onId("POST", backtest), alice).getStatusCode()).isEqualTo(200);
            assertThat(call(deleteStrategy, onStrategy(strategyId), alice).getStatusCode()).isEqualTo(409);
        }
        finally {
            bindings.changeState(OPTIMIZATION_BINDING, BindingsLifecycleController.State.STARTED);
        }
        JsonNode optimised = await(() -> {
            JsonNode view = body(call(getOptimization, ApiEvents.get("/api/optimizations/" + optimisationId)
                    .pathParameter("id", optimisationId), alice));
            assertThat(view.get("status").asString()).as(view.toString()).isIn("queued", "running", "succeeded");
            return view.get("status").asString().equals("succeeded") ? Optional.of(view) : Optional.empty();
        });
        assertThat(optimised.get("request").get("strategy").asString()).isEqualTo("user:" + strategyId + "@1");
        assertThat(optimised.get("result").get("runs").asInt()).isEqualTo(4);

        // the optimisation ended: nothing holds the strategy any more
        APIGatewayV2HTTPResponse deleted = call(deleteStrategy, onStrategy(strategyId), alice);
        assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from user_strategies where id = ?", Integer.class, strategy)).isZero();
        // a job on a strategy that is gone cannot be stored (a submission racing the delete)
        assertThatThrownBy(() -> insert(alice, "queued", smaCross().replace("\"sma-cross\"",
                "\"user:" + strategyId + "@1\""))).isInstanceOf(DataIntegrityViolationException.class);

        bindings.changeState(BACKTEST_BINDING, BindingsLifecycleController.State.STARTED);
        UUID marker = runToEnd();
        assertThat(status(marker)).isEqualTo("succeeded");
        assertThat(status(backtest)).isEqualTo("cancelled");
    }

    // --- helpers ------------------------------------------------------------------------------

    private String savedStrategy(UUID user, String name, String source) {
        APIGatewayV2HTTPResponse created = call(createStrategy, ApiEvents.post("/api/strategies",
                json.writeValueAsString(Map.of("name", name, "source", source))), user);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        return body(created).get("id").asString();
    }

    private void editStrategy(UUID user, String id, String name, String source) {
        APIGatewayV2HTTPResponse edited = call(updateStrategy, ApiEvents.request("PUT", "/api/strategies/" + id,
                json.writeValueAsString(Map.of("name", name, "source", source))).pathParameter("id", id), user);
        assertThat(edited.getStatusCode()).as(edited.getBody()).isEqualTo(200);
    }

    private JsonNode optimised(String request) {
        APIGatewayV2HTTPResponse submitted = call(submitOptimization, ApiEvents.post("/api/optimizations", request), alice);
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(202);
        String id = body(submitted).get("id").asString();
        return await(() -> {
            JsonNode view = body(call(getOptimization, ApiEvents.get("/api/optimizations/" + id).pathParameter("id", id),
                    alice));
            assertThat(view.get("status").asString()).isIn("queued", "running", "succeeded");
            return view.get("status").asString().equals("succeeded") ? Optional.of(view) : Optional.empty();
        });
    }

    /** Submits a backtest and waits for it to succeed: every task queued before it was handled. */
    private UUID runToEnd() {
        APIGatewayV2HTTPResponse submitted = call(submit, ApiEvents.post("/api/backtests", smaCross()), alice);
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(202);
        UUID id = UUID.fromString(body(submitted).get("id").asString());
        awaitStatus(id, alice, "succeeded");
        return id;
    }

    private JsonNode awaitStatus(UUID id, UUID user, String status) {
        return await(() -> {
            JsonNode view = body(call(get, onId("GET", id), user));
            String now = view.get("status").asString();
            assertThat(now).as("while waiting for " + status + ": " + view).isIn("queued", "running", status);
            return now.equals(status) ? Optional.of(view) : Optional.empty();
        });
    }

    private String status(UUID id) {
        return jdbc.queryForObject("select status from backtests where id = ?", String.class, id);
    }

    private UUID insert(UUID user, String status, String request) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into backtests (id, user_id, request, status) values (?, ?, cast(? as jsonb), ?)", id, user,
                request, status);
        return id;
    }

    private static ApiEvents onStrategy(String id) {
        return ApiEvents.request("DELETE", "/api/strategies/" + id, null).pathParameter("id", id);
    }

    private static ApiEvents onId(String method, UUID id) {
        return ApiEvents.request(method, "/api/backtests/" + id, null).pathParameter("id", id.toString());
    }

    private static void publish(String queue, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        rabbitTemplate.send(queue, queue, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }
}
