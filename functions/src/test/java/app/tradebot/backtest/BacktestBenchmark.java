package app.tradebot.backtest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.StrategyCatalog;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.SMAIndicator;

/**
 * The backtest benchmark of BENCHMARKS.md (run by bench/backtest.sh, never by the build). One mode
 * per JVM, so each peak memory figure is its own:
 * <ul>
 * <li>{@code engine}: sma-cross 10/30 over CANDLES candles (the real 4h BTC series repeated with
 * shifted times), one thread, our engine; then the same loop with a strategy that does nothing, the
 * engine's own share of the time;</li>
 * <li>{@code ta4j}: the same rules over the same candles in ta4j 0.17's BarSeriesManager
 * (DoubleNum, next-open execution), one thread;</li>
 * <li>{@code optimize}: 1,000 sma-cross parameter sets over the 20,695 real candles, on every core
 * and on one thread.</li>
 * </ul>
 * Prints {@code key=value} lines. Input building is not timed; each timed run includes the
 * strategy's indicators.
 */
public final class BacktestBenchmark {

    private BacktestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "engine";
        int candles = Integer.getInteger("candles", 1_000_000);
        int warmUp = Integer.getInteger("warmUp", 5);
        int runs = Integer.getInteger("runs", 10);
        System.out.println("mode=" + mode);
        switch (mode) {
            case "engine" -> engine(candles, warmUp, runs);
            case "ta4j" -> ta4j(candles, warmUp, runs);
            case "optimize" -> optimize(warmUp, Math.max(1, runs / 3));
            default -> throw new IllegalArgumentException("mode: engine, ta4j or optimize");
        }
    }

    static void engine(int size, int warmUp, int runs) {
        CandleSeries series = BtcCandles.repeated(size);
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        Map<String, Object> params = catalog.validate("sma-cross", Map.of("fast", 10, "slow", 30));
        EngineSettings settings = new EngineSettings(10_000, 10, 10, 5, true, 100);
        inputMemory();
        int trades = 0;
        long[] nanos = new long[runs];
        long[] cpu = new long[runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = -warmUp; r < runs; r++) {
            Strategy strategy = catalog.create("sma-cross", params);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Simulation simulation = new BacktestEngine(series, settings).run(strategy, 0, size, BacktestEngine.Control.NONE);
            long took = System.nanoTime() - start;
            long cpuTook = threads.getCurrentThreadCpuTime() - cpuStart;
            trades = simulation.trades().size();
            if (r >= 0) {
                nanos[r] = took;
                cpu[r] = cpuTook;
            }
        }
        report(size, nanos, trades);
        // the thread's own CPU time: on a shared machine, less moved by the other processes than the wall time
        Arrays.sort(cpu);
        System.out.printf("cpuMs.median=%.1f%n", cpu[runs / 2] / 1e6);
        System.out.printf("cpuMs.best=%.1f%n", cpu[0] / 1e6);
        // the engine's own share: the same loop with a strategy that does nothing
        long[] idle = new long[runs];
        for (int r = -warmUp; r < runs; r++) {
            Strategy nothing = (bar, signals) -> {
            };
            long start = System.nanoTime();
            new BacktestEngine(series, settings).run(nothing, 0, size, BacktestEngine.Control.NONE);
            long took = System.nanoTime() - start;
            if (r >= 0) {
                idle[r] = took;
            }
        }
        Arrays.sort(idle);
        System.out.printf("idleStrategy.nsPerCandle.median=%.2f%n", idle[runs / 2] / (double) size);
        System.out.printf("smaCross.nsPerCandle.median=%.2f%n", nanos[runs / 2] / (double) size);
    }

    static void ta4j(int size, int warmUp, int runs) {
        BarSeries series = Ta4jOracleTest.ta4jSeries(BtcCandles.repeated(size));
        inputMemory();
        int trades = 0;
        long[] nanos = new long[runs];
        for (int r = -warmUp; r < runs; r++) {
            long start = System.nanoTime();
            trades = Ta4jOracleTest.runTa4j(series, SMAIndicator::new, 10, 30).size();
            long took = System.nanoTime() - start;
            if (r >= 0) {
                nanos[r] = took;
            }
        }
        report(size, nanos, trades);
    }

    static void optimize(int warmUp, int runs) throws InterruptedException {
        CandleSeries series = BtcCandles.series();
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        List<Map<String, Object>> sets = new ArrayList<>();
        for (int fast = 2; fast <= 41; fast++) {
            for (int slow = 50; slow <= 290; slow += 10) {
                sets.add(catalog.validate("sma-cross", Map.of("fast", fast, "slow", slow)));
            }
        }
        EngineSettings settings = new EngineSettings(10_000, 10, 10, 5, true, 100);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("sets=" + sets.size());
        System.out.println("candles=" + series.size());
        System.out.println("cores=" + cores);
        for (int threads : new int[] { cores, 1 }) {
            Optimizer optimizer = new Optimizer(series, settings, p -> catalog.create("sma-cross", p), threads);
            long[] nanos = new long[runs];
            for (int r = -warmUp; r < runs; r++) {
                long start = System.nanoTime();
                Optimizer.Batch batch = optimizer.start(sets, 0, series.size());
                if (!batch.await(10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("optimisation did not finish");
                }
                long took = System.nanoTime() - start;
                if (r >= 0) {
                    nanos[r] = took;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("threads%d.backtestsPerSecond.median=%.0f%n", threads, sets.size() / (nanos[runs / 2] / 1e9));
            System.out.printf("threads%d.backtestsPerSecond.best=%.0f%n", threads, sets.size() / (nanos[0] / 1e9));
        }
        peakMemory();
    }

    private static void report(int size, long[] nanos, int trades) {
        Arrays.sort(nanos);
        System.out.println("candles=" + size);
        System.out.println("trades=" + trades);
        System.out.printf("runs=%d%n", nanos.length);
        System.out.printf("ms.median=%.1f%n", nanos[nanos.length / 2] / 1e6);
        System.out.printf("candlesPerSecond.median=%.0f%n", size / (nanos[nanos.length / 2] / 1e9));
        System.out.printf("candlesPerSecond.best=%.0f%n", size / (nanos[0] / 1e9));
        peakMemory();
    }

    /** Heap used by the input after a GC; then the peaks start counting from here. */
    private static void inputMemory() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
                pool.resetPeakUsage();
            }
        }
        System.out.printf("heapMiB.input=%.1f%n", used / 1048576.0);
    }

    /** The sum of the heap pools' peaks since {@link #inputMemory} (an upper bound: pools peak at different times). */
    private static void peakMemory() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("heapMiB.peak=%.1f%n", peak / 1048576.0);
    }
}
