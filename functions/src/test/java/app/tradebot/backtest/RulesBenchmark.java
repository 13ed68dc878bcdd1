package app.tradebot.backtest;

import java.util.Arrays;
import java.util.Map;

import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.rules.CompiledRules;

/**
 * The rule language's benchmark of BENCHMARKS.md (run by bench/rules.sh, never by the build):
 * sma-cross 10/30 over CANDLES candles (the real 4 h BTC series repeated) through the backtest engine,
 * the built-in and the same strategy compiled from the rule language, interleaved run by run in one
 * JVM. Prints {@code key=value} lines: median candles per second of each and their ratio.
 */
public final class RulesBenchmark {

    private RulesBenchmark() {
    }

    public static void main(String[] args) {
        int size = Integer.getInteger("candles", 1_000_000);
        int warmUp = Integer.getInteger("warmUp", 5);
        int runs = Integer.getInteger("runs", 10);
        CandleSeries series = BtcCandles.repeated(size);
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        Map<String, Object> params = catalog.validate("sma-cross", Map.of("fast", 10, "slow", 30));
        CompiledRules rules = CompiledRules.compile(RulesEquivalenceTest.SMA_CROSS);
        Map<String, Number> values = Map.of("fast", 10, "slow", 30);
        EngineSettings settings = new EngineSettings(10_000, 10, 10, 5, true, 100);
        long[] builtIn = new long[runs];
        long[] compiled = new long[runs];
        int trades = -1;
        for (int r = -warmUp; r < runs; r++) {
            long a = time(series, settings, catalog.create("sma-cross", params), size);
            long b = time(series, settings, rules.create(values), size);
            if (r >= 0) {
                builtIn[r] = a;
                compiled[r] = b;
            }
        }
        int builtInTrades = new BacktestEngine(series, settings).run(catalog.create("sma-cross", params), 0, size,
                BacktestEngine.Control.NONE).trades().size();
        trades = new BacktestEngine(series, settings).run(rules.create(values), 0, size, BacktestEngine.Control.NONE)
                .trades().size();
        double builtInRate = size / (median(builtIn) / 1e9);
        double compiledRate = size / (median(compiled) / 1e9);
        System.out.println("candles=" + size);
        System.out.println("runs=" + runs);
        System.out.println("trades.builtIn=" + builtInTrades);
        System.out.println("trades.compiled=" + trades);
        System.out.printf("candlesPerSecond.builtIn=%.0f%n", builtInRate);
        System.out.printf("candlesPerSecond.compiled=%.0f%n", compiledRate);
        System.out.printf("slowdown=%.2f%n", builtInRate / compiledRate);
    }

    private static long time(CandleSeries series, EngineSettings settings, Strategy strategy, int size) {
        long start = System.nanoTime();
        new BacktestEngine(series, settings).run(strategy, 0, size, BacktestEngine.Control.NONE);
        return System.nanoTime() - start;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
