package app.tradebot.backtest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Strategy;

/**
 * Runs many parameter sets of one strategy over one candle series on a fixed number of threads.
 * The series is shared read-only; each thread takes the next set from a counter, so there is no
 * task queue to bound and a cancel stops every thread after its current run.
 */
final class Optimizer {

    private final CandleSeries series;
    private final EngineSettings settings;
    private final Function<Map<String, Object>, Strategy> strategies;
    private final int threads;

    Optimizer(CandleSeries series, EngineSettings settings, Function<Map<String, Object>, Strategy> strategies,
            int threads) {
        this.series = series;
        this.settings = settings;
        this.strategies = strategies;
        this.threads = Math.max(1, threads);
    }

    /**
     * What one run gave: its metrics, and how many of its candles the strategy could not decide on because its
     * deciding rule was undefined there (nothing traded on them, {@link UndefinedCandles}).
     */
    record Outcome(Metrics metrics, int undefinedCandles) {
    }

    /** One run of candles {@code [from, to)} on the calling thread. */
    Outcome runOne(Map<String, Object> params, int from, int to) {
        Simulation simulation = new BacktestEngine(series, settings).run(strategies.apply(params), from, to,
                BacktestEngine.Control.NONE);
        return new Outcome(Metrics.of(series, simulation), simulation.undefined().count());
    }

    /**
     * One run of candles {@code [from, to)} whose strategy has first seen the warm-up's worth of
     * candles before {@code from}, as it would have had it been running all along. Its undefined candles are
     * those of {@code [from, to)} only: the candles it was shown before are not traded on.
     */
    Outcome runWarm(Map<String, Object> params, int from, int to) {
        Strategy strategy = strategies.apply(params);
        int leadFrom = Math.max(0, from - Math.max(0, strategy.warmUp()));
        Simulation simulation = new BacktestEngine(series, settings).run(strategy, leadFrom, from, to,
                BacktestEngine.Control.NONE);
        return new Outcome(Metrics.of(series, simulation), simulation.undefined().count());
    }

    /** Starts every set on candles {@code [from, to)}; results are in the order of {@code sets}. */
    Batch start(List<Map<String, Object>> sets, int from, int to) {
        int workers = Math.min(threads, Math.max(1, sets.size()));
        Batch batch = new Batch(sets.size(), workers);
        for (int t = 0; t < workers; t++) {
            Thread thread = new Thread(() -> {
                try {
                    int k;
                    while (!batch.cancelled && (k = batch.next.getAndIncrement()) < sets.size()) {
                        batch.results[k] = runOne(sets.get(k), from, to);
                        batch.done.incrementAndGet();
                    }
                }
                catch (RuntimeException | Error e) {
                    batch.failure.compareAndSet(null, e);
                    batch.cancelled = true;
                }
                finally {
                    batch.finished.countDown();
                }
            }, "optimizer-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        return batch;
    }

    static final class Batch {

        private final Outcome[] results;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final CountDownLatch finished;
        private volatile boolean cancelled;

        private Batch(int size, int workers) {
            this.results = new Outcome[size];
            this.finished = new CountDownLatch(workers);
        }

        /** True once every thread has stopped; throws what a run threw. */
        boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            boolean over = finished.await(timeout, unit);
            Throwable thrown = failure.get();
            if (over && thrown != null) {
                if (thrown instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw (Error) thrown;
            }
            return over;
        }

        int percentDone() {
            return results.length == 0 ? 99 : (int) Math.min(99, (long) done.get() * 100 / results.length);
        }

        void cancel() {
            cancelled = true;
        }

        Outcome[] results() {
            return results;
        }
    }
}
