package app.tradebot.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.market.CandleHistory;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.http.NotFound;
import app.tradebot.platform.jobs.JobKind;
import app.tradebot.platform.jobs.JobRow;
import app.tradebot.platform.jobs.JobTask;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.quotas.Quota;
import app.tradebot.platform.messaging.QueueConsumers;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.StrategyUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The backtest and optimisation functions of template.yaml. */
@Configuration(proxyBeanMethods = false)
class BacktestFunctions {

    private static final Logger log = LoggerFactory.getLogger(BacktestFunctions.class);

    /** A running job whose heartbeat is older than this has lost its worker. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    static final String WORKER_STOPPED = "The worker running it stopped (no progress for 2 minutes).";
    /** {@code GET /api/backtests} shows this many, newest first. */
    static final int LIST_LIMIT = 100;

    /** The backtests table, run by runBacktest; a stale run is failed by expireBacktests. */
    static final JobKind BACKTESTS = new JobKind("backtests", "runBacktest", STALE_AFTER, false);
    /** The optimizations table, run by runOptimization. */
    static final JobKind OPTIMIZATIONS = new JobKind("optimizations", "runOptimization", STALE_AFTER, false);

    @Bean
    ApiFunction submitBacktest(ApiFunctions http, BacktestRules rules, Submissions submissions, JsonMapper json) {
        return http.of(BacktestRequest.class, Submitted.class, 202, (body, request) -> submissions.submit(BACKTESTS,
                Quota.ACTIVE_BACKTESTS, request.userId(), json.writeValueAsString(rules.check(request.userId(), body))));
    }

    /** A user strategy cannot be deleted while a backtest or an optimisation on it is queued or running. */
    @Bean
    StrategyUsage jobStrategies(Submissions submissions) {
        return StrategyUsage.of("A backtest or an optimisation of this strategy is queued or running: wait for it to end, "
                + "or cancel it, first.", submissions::runStrategy);
    }

    @Bean
    ApiFunction getBacktest(ApiFunctions http, Jobs jobs, JsonMapper json) {
        return http.of(Void.class, BacktestView.class, 200, (body, request) -> {
            JobRow row = jobs.view(BACKTESTS, request.pathId("id"), request.userId())
                    .orElseThrow(() -> new NotFound("No such backtest."));
            return new BacktestView(row.id(), row.status(), row.progress(), row.error(),
                    json.readValue(row.request(), BacktestRequest.class), row.createdAt(), row.startedAt(),
                    row.finishedAt(), row.result() == null ? null : json.readValue(row.result(), BacktestReport.class));
        });
    }

    @Bean
    ApiFunction listBacktests(ApiFunctions http, Jobs jobs, JsonMapper json) {
        return http.of(Void.class, BacktestList.class, 200, (body, request) -> {
            List<BacktestList.Summary> summaries = jobs.list(BACKTESTS, request.userId(), LIST_LIMIT).stream()
                    .map(row -> {
                        BacktestRequest spec = json.readValue(row.request(), BacktestRequest.class);
                        return new BacktestList.Summary(row.id(), row.status(), row.progress(), row.error(),
                                spec.symbol(), spec.interval(), spec.strategy(), spec.from(), spec.to(), row.createdAt(),
                                row.finishedAt(), row.result() == null ? null
                                        : json.readValue(row.result(), BacktestReport.MetricsView.class));
                    })
                    .toList();
            return new BacktestList(summaries);
        });
    }

    @Bean
    ApiFunction deleteBacktest(ApiFunctions http, Jobs jobs) {
        return http.of(Void.class, Void.class, 204, (body, request) -> {
            if (!jobs.delete(BACKTESTS, request.pathId("id"), request.userId())) {
                throw new NotFound("No such backtest.");
            }
            return null;
        });
    }

    @Bean
    ApiFunction cancelBacktest(ApiFunctions http, Jobs jobs, JsonMapper json) {
        return http.of(Void.class, BacktestView.class, 200, (body, request) -> {
            UUID id = request.pathId("id");
            if (!jobs.cancel(BACKTESTS, id, request.userId())) {
                JobRow row = jobs.view(BACKTESTS, id, request.userId())
                        .orElseThrow(() -> new NotFound("No such backtest."));
                throw new Conflict("The backtest is " + row.status() + " already; only a queued or running one can be cancelled.");
            }
            JobRow row = jobs.view(BACKTESTS, id, request.userId()).orElseThrow(() -> new NotFound("No such backtest."));
            return new BacktestView(row.id(), row.status(), row.progress(), row.error(),
                    json.readValue(row.request(), BacktestRequest.class), row.createdAt(), row.startedAt(),
                    row.finishedAt(), null);
        });
    }

    @Bean
    Consumer<Message<byte[]>> runBacktest(QueueConsumers consumers, Jobs jobs, JobCompletion completion, JsonMapper json,
            CandleHistory candles,
            StrategyCatalog catalog) {
        return consumers.of(JobTask.class, new RunBacktest(jobs, json, candles, catalog, completion));
    }

    @Bean
    ApiFunction submitOptimization(ApiFunctions http, BacktestRules rules, StrategyCatalog catalog, Submissions submissions,
            JsonMapper json) {
        return http.of(OptimizationRequest.class, Submitted.class, 202,
                new SubmitOptimization(rules, catalog, submissions, json));
    }

    @Bean
    ApiFunction getOptimization(ApiFunctions http, Jobs jobs, JsonMapper json) {
        return http.of(Void.class, OptimizationView.class, 200, (body, request) -> {
            JobRow row = jobs.view(OPTIMIZATIONS, request.pathId("id"), request.userId())
                    .orElseThrow(() -> new NotFound("No such optimization."));
            return new OptimizationView(row.id(), row.status(), row.progress(), row.error(),
                    json.readValue(row.request(), OptimizationRequest.class), row.createdAt(), row.startedAt(),
                    row.finishedAt(), row.result() == null ? null : json.readValue(row.result(), OptimizationReport.class));
        });
    }

    /** Runs on every core the worker has: the candles are loaded once and shared read-only. */
    @Bean
    Consumer<Message<byte[]>> runOptimization(QueueConsumers consumers, Jobs jobs, JobCompletion completion, JsonMapper json,
            CandleHistory candles, StrategyCatalog catalog) {
        return consumers.of(JobTask.class,
                new RunOptimization(jobs, json, candles, catalog, completion, Runtime.getRuntime().availableProcessors()));
    }

    /** Scheduled every minute: fails running backtests and optimisations whose worker stopped. */
    @Bean
    Consumer<Message<byte[]>> expireBacktests(QueueConsumers consumers, Jobs jobs) {
        return consumers.of(ExpiryTick.class, tick -> {
            Instant staleBefore = Instant.now().minus(STALE_AFTER);
            for (JobKind kind : List.of(BACKTESTS, OPTIMIZATIONS)) {
                List<UUID> expired = jobs.expire(kind, staleBefore, WORKER_STOPPED);
                if (!expired.isEmpty()) {
                    log.warn("Failed {} {} whose worker stopped: {}", expired.size(), kind.table(), expired);
                }
            }
        });
    }
}
