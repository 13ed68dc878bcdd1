package app.tradebot.backtest;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.exchange.Interval;
import app.tradebot.market.CandleHistory;
import app.tradebot.market.CandleSeries;
import app.tradebot.platform.http.DependencyFailures;
import app.tradebot.platform.jobs.JobTask;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.platform.jobs.Lease;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.StrategyCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * MQ event on backtest-runs: runs a queued backtest once. The row is claimed from {@code queued} to
 * {@code running} in one conditional update, so a redelivered task finds nothing to do. Progress and
 * heartbeat are written while it runs; it ends {@code succeeded} with its report or {@code failed}
 * with the reason, and never throws for a run that failed (retrying it would fail alike). A run that a
 * server it needed interrupted goes back to {@code queued} with a new task instead ({@link #requeued}).
 */
final class RunBacktest implements Consumer<JobTask> {

    private static final Logger log = LoggerFactory.getLogger(RunBacktest.class);

    /** Runs of one job that a lost server may interrupt before the next such failure ends it failed after all. */
    static final int MAX_RUNS = 5;

    private final Jobs jobs;
    private final JobCompletion completion;
    private final JsonMapper json;
    private final CandleHistory candles;
    private final StrategyCatalog catalog;

    RunBacktest(Jobs jobs, JsonMapper json, CandleHistory candles, StrategyCatalog catalog, JobCompletion completion) {
        this.completion = completion;
        this.jobs = jobs;
        this.json = json;
        this.candles = candles;
        this.catalog = catalog;
    }

    @Override
    public void accept(JobTask task) {
        Optional<Lease> claimed = jobs.claim(BacktestFunctions.BACKTESTS, task.id());
        if (claimed.isEmpty()) {
            log.info("Backtest {} is not queued (run already, cancelled or deleted): nothing to do", task.id());
            return;
        }
        try {
            Lease lease = claimed.get();
            BacktestRequest request = json.readValue(lease.job().request(), BacktestRequest.class);
            CandleSeries series = load(candles, lease.job().userId(), request);
            // loading ten million candles takes a while: a heartbeat, and a cancel seen before the run
            if (!jobs.heartbeat(lease, 0)) {
                log.info("Backtest {} was cancelled or deleted while its candles loaded", task.id());
                return;
            }
            Strategy strategy = catalog.create(request.strategy(), request.params());
            ProgressWriter progress = new ProgressWriter(
                    percent -> jobs.heartbeat(lease, percent), System::nanoTime);
            Simulation simulation = new BacktestEngine(series, request.engineSettings(candles.rules(lease.job().userId(), request.symbol())))
                    .run(strategy, 0, series.size(), progress);
            if (simulation == null) {
                log.info("Backtest {} stopped: it is no longer running (cancelled, deleted or expired)", task.id());
                return;
            }
            BacktestReport report = BacktestReport.of(series, simulation, Metrics.of(series, simulation));
            Map<String, Object> summary = Map.of("symbol", request.symbol(), "interval", request.interval(),
                    "strategy", request.strategy(), "totalReturn", report.metrics().totalReturn());
            if (!completion.succeed(lease, json.writeValueAsString(report), summary)) {
                log.info("Backtest {} finished but is no longer running; its result is dropped", task.id());
            }
        }
        catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            if (!requeued(jobs, claimed.get(), "Backtest", e)) {
                log.warn("Backtest {} failed", task.id(), e);
                jobs.fail(claimed.get(), reason(e));
            }
        }
    }

    /**
     * A run that a server it needed interrupted (PostgreSQL restarting as the result was written, say) is not the
     * run's fault: its job goes back to queued with a new task, to run again, instead of ending failed with a
     * connection error. False when it is the run's fault, or when the job cannot be given back (the server is
     * still away, the lease no longer holds, or the job has run {@link #MAX_RUNS} times): the caller fails it as before.
     */
    static boolean requeued(Jobs jobs, Lease lease, String what, Throwable failure) {
        Optional<String> missing = DependencyFailures.unavailable(failure);
        if (missing.isEmpty() || lease.fence() >= MAX_RUNS) {
            return false;
        }
        try {
            if (jobs.release(lease)) {
                log.warn("{} {} interrupted ({} could not be reached): queued to run again", what, lease.id(),
                        missing.get(), failure);
                return true;
            }
            return false;
        }
        catch (RuntimeException stillAway) {
            failure.addSuppressed(stillAway);
            return false;
        }
    }

    /** The candles the job's owner sees (the exchange's, and their own imports where it has none). */
    static CandleSeries load(CandleHistory candles, UUID userId, BacktestRequest request) {
        Interval interval = Interval.fromCode(request.interval())
                .orElseThrow(() -> new IllegalStateException("Unknown interval " + request.interval()));
        CandleSeries series = candles.load(userId, request.symbol(), interval, request.from(), request.to());
        if (series.size() == 0) {
            throw new IllegalStateException("No " + request.symbol() + " " + request.interval()
                    + " candles are stored in the range any more.");
        }
        return series;
    }

    static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "The run needed more memory than the worker has.";
        }
        if (e instanceof StackOverflowError) {
            return "The strategy recursed too deeply.";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
