package app.tradebot.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import app.tradebot.market.CandleHistory;
import app.tradebot.market.CandleSeries;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.jobs.JobTask;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.platform.jobs.Lease;
import app.tradebot.strategy.StrategyCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * MQ event on optimization-runs: claims a queued optimisation like {@link RunBacktest}, loads the
 * candles once and runs every valid parameter set through {@link Optimizer} on all cores; this
 * thread writes the progress and heartbeat about twice a second meanwhile and stops the runs when
 * the job was cancelled or deleted.
 */
final class RunOptimization implements Consumer<JobTask> {

    private static final Logger log = LoggerFactory.getLogger(RunOptimization.class);

    private final Jobs jobs;
    private final JobCompletion completion;
    private final JsonMapper json;
    private final CandleHistory candles;
    private final StrategyCatalog catalog;
    private final int threads;

    RunOptimization(Jobs jobs, JsonMapper json, CandleHistory candles, StrategyCatalog catalog, JobCompletion completion,
            int threads) {
        this.completion = completion;
        this.jobs = jobs;
        this.json = json;
        this.candles = candles;
        this.catalog = catalog;
        this.threads = threads;
    }

    @Override
    public void accept(JobTask task) {
        Optional<Lease> claimed = jobs.claim(BacktestFunctions.OPTIMIZATIONS, task.id());
        if (claimed.isEmpty()) {
            log.info("Optimisation {} is not queued (run already, cancelled or deleted): nothing to do", task.id());
            return;
        }
        try {
            Lease lease = claimed.get();
            OptimizationRequest request = json.readValue(lease.job().request(), OptimizationRequest.class);
            CandleSeries series = RunBacktest.load(candles, lease.job().userId(), request.base());
            if (!jobs.heartbeat(lease, 0)) {
                log.info("Optimisation {} was cancelled or deleted while its candles loaded", task.id());
                return;
            }
            List<Map<String, Object>> valid = new ArrayList<>();
            int invalid = 0;
            for (Map<String, Object> set : ParameterSets.of(request, SubmitOptimization.descriptor(catalog, request.strategy()))) {
                try {
                    valid.add(catalog.validate(request.strategy(), set));
                }
                catch (Invalid e) {
                    invalid++;
                }
            }
            Optimizer optimizer = new Optimizer(series,
                    request.base().engineSettings(candles.rules(lease.job().userId(), request.base().symbol())),
                    params -> catalog.create(request.strategy(), params), threads);
            int split = request.walkForward() == null ? series.size()
                    : Math.max(1, (int) (series.size() * request.walkForward().inSampleFraction().doubleValue()));
            Optimizer.Batch batch = optimizer.start(valid, 0, split);
            while (!batch.await(ProgressWriter.PERIOD_NANOS, TimeUnit.NANOSECONDS)) {
                if (!jobs.heartbeat(lease, batch.percentDone())) {
                    batch.cancel();
                    log.info("Optimisation {} stopped: it is no longer running", task.id());
                    return;
                }
            }
            OptimizationReport report = report(request, valid, invalid, batch.results(), optimizer, split, series.size());
            Map<String, Object> summary = Map.of("symbol", request.base().symbol(), "interval", request.base().interval(),
                    "strategy", request.strategy(), "runs", report.runs());
            if (!completion.succeed(lease, json.writeValueAsString(report), summary)) {
                log.info("Optimisation {} finished but is no longer running; its result is dropped", task.id());
            }
        }
        catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            if (!RunBacktest.requeued(jobs, claimed.get(), "Optimisation", e)) {
                log.warn("Optimisation {} failed", task.id(), e);
                jobs.fail(claimed.get(), RunBacktest.reason(e));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.fail(claimed.get(), "The worker was interrupted.");
        }
    }

    private static OptimizationReport report(OptimizationRequest request, List<Map<String, Object>> sets, int invalid,
            Optimizer.Outcome[] results, Optimizer optimizer, int split, int size) {
        Metrics.RankMetric rankBy = request.rankBy();
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < results.length; k++) {
            order.add(k);
        }
        // best first; ties keep the order of the sets, so a result is reproducible
        order.sort(Comparator.comparingDouble((Integer k) -> -results[k].metrics().rankValue(rankBy)).thenComparing(k -> k));
        int topN = request.walkForward() == null ? 0 : Math.min(request.walkForward().topN(), order.size());
        List<OptimizationReport.Run> best = new ArrayList<>();
        for (int r = 0; r < Math.min(OptimizationReport.MAX_SHOWN, order.size()); r++) {
            int k = order.get(r);
            Optimizer.Outcome outOfSample = r < topN && split < size ? optimizer.runWarm(sets.get(k), split, size) : null;
            best.add(new OptimizationReport.Run(r + 1, sets.get(k), BacktestReport.MetricsView.of(results[k].metrics()),
                    results[k].undefinedCandles(),
                    outOfSample == null ? null : BacktestReport.MetricsView.of(outOfSample.metrics()),
                    outOfSample == null ? null : outOfSample.undefinedCandles()));
        }
        return new OptimizationReport(results.length, invalid, rankBy.name(), split, size - split, best);
    }
}
