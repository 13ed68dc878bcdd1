package app.tradebot.strategy;

import java.lang.management.ManagementFactory;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A built-in strategy allocates nothing per candle on its own: over a million candles of the real
 * series (repeated) it allocates no more than measuring noise. Its Signals do nothing here, so only
 * the strategy's own work is counted. Not a timing test: it counts bytes.
 */
class StrategiesAllocateNothingTest {

    private static final int CANDLES = 1_000_000;

    static java.util.stream.Stream<Arguments> strategies() {
        return LookAheadTest.strategies();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("strategies")
    void aMillionCandles(String name, Map<String, Object> params) {
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        Strategy strategy = catalog.create(name, params);
        RealCandles real = RealCandles.btcUsd4h();
        MutableBar bar = new MutableBar();
        QuietSignals signals = new QuietSignals();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        run(strategy, real, bar, signals, CANDLES); // warm up and compile
        long before = threads.getThreadAllocatedBytes(thread);
        run(strategy, real, bar, signals, CANDLES);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes %s allocated over %d candles", name, CANDLES).isLessThan(4096);
        assertThat(signals.intents).as("the strategy did emit intents").isPositive();
    }

    /** Strategies compiled from rules: every function, look-backs, crosses, arithmetic. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "entry: sma(close, 10) crosses above sma(close, 30)\nexit: sma(close, 10) crosses below sma(close, 30)",
        "entry: ema(close, 12) > ema(close, 26)[3] and rsi(close, 14) < 60 and wma(close, 9) > bb(close, 20, 2).lower\n"
                + "exit: macd(close, 12, 26, 9).histogram crosses below 0 or stoch(14, 3).k > 90\n"
                + "    or close < vwap(20) - atr(14) * 2 or close < donchian(20).lower[1] or volume / (high - low) < 0",
    })
    void aMillionCandlesOfCompiledRules(String source) {
        app.tradebot.strategy.rules.CompiledRules rules = app.tradebot.strategy.rules.CompiledRules.compile(source);
        Strategy strategy = rules.create(rules.defaults());
        RealCandles real = RealCandles.btcUsd4h();
        MutableBar bar = new MutableBar();
        QuietSignals signals = new QuietSignals();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        run(strategy, real, bar, signals, CANDLES);
        long before = threads.getThreadAllocatedBytes(thread);
        run(strategy, real, bar, signals, CANDLES);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated over %d candles", CANDLES).isLessThan(4096);
        assertThat(signals.intents).as("the strategy did emit intents").isPositive();
    }

    private static void run(Strategy strategy, RealCandles real, MutableBar bar, QuietSignals signals, int candles) {
        int n = real.size();
        for (int i = 0; i < candles; i++) {
            int j = i % n;
            bar.set(real.openTimes()[j], real.open()[j], real.high()[j], real.low()[j], real.close()[j], real.volume()[j]);
            signals.flip(i);
            strategy.onBar(bar, signals);
        }
    }

    private static final class QuietSignals implements Signals, Position {

        long intents;
        private double quantity;

        void flip(int i) {
            quantity = (i / 97) % 2 == 0 ? 0 : 1;
        }

        @Override
        public Position position() {
            return this;
        }

        @Override
        public double quantity() {
            return quantity;
        }

        @Override
        public double averagePrice() {
            return quantity > 0 ? 5_000 : Double.NaN;
        }

        @Override
        public void buy(double quoteAmount, Exits exits) {
            intents++;
        }

        @Override
        public void sell(double fraction) {
            intents++;
        }

        @Override
        public void buyLimit(double price, double quoteAmount) {
            intents++;
        }

        @Override
        public void sellLimit(double price, double quantity) {
            intents++;
        }

        @Override
        public void cancelLimits() {
            intents++;
        }
    }
}
