package app.tradebot.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's look-ahead guard: every built-in strategy runs over the real BTC/USD 4 h series; then
 * every candle after index k is changed and it runs again. No intent at or before k may change.
 */
class LookAheadTest {

    private static final int[] CUTS = { 0, 60, 1_000, 7_777, 15_000, 20_500 };

    private final StrategyCatalog catalog = StrategyCatalog.builtIn();

    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("sma-cross", Map.of()),
                Arguments.of("sma-cross", Map.of("fast", 5, "slow", 13, "stopLoss", 0.03, "trailingStop", 0.05)),
                Arguments.of("ema-cross", Map.of()),
                Arguments.of("ema-cross", Map.of("fast", 3, "slow", 8, "takeProfit", 0.1)),
                Arguments.of("rsi-reversion", Map.of()),
                Arguments.of("rsi-reversion", Map.of("period", 4, "oversold", 25, "overbought", 60)),
                Arguments.of("macd-cross", Map.of()),
                Arguments.of("macd-cross", Map.of("fast", 4, "slow", 9, "signal", 3)),
                Arguments.of("bollinger", Map.of()),
                Arguments.of("bollinger", Map.of("period", 10, "k", 1.5, "mode", "breakout")),
                Arguments.of("grid", Map.of("lower", 300, "upper", 70_000, "levels", 60, "amountPerLevel", 50)),
                Arguments.of("grid", Map.of("lower", 5_000, "upper", 12_000, "levels", 8)),
                Arguments.of("dca", Map.of()),
                Arguments.of("dca", Map.of("interval", 1, "amount", 10, "takeProfit", 0.02)));
    }

    @Test
    void everyBuiltInStrategyIsGuarded() {
        assertThat(strategies().map(a -> (String) a.get()[0]).distinct())
                .containsExactlyInAnyOrderElementsOf(catalog.list().stream().map(StrategyDescriptor::name).toList());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("strategies")
    void changingLaterCandlesChangesNoEarlierIntent(String name, Map<String, Object> params) {
        List<Candle> real = RealCandles.btcUsd4h().bars();
        List<RecordingSignals.Intent> original = run(name, params, real);
        assertThat(original).as("intents of %s on the real series", name).hasSizeGreaterThan(10);

        boolean anyLaterChange = false;
        for (int k : CUTS) {
            List<RecordingSignals.Intent> changed = run(name, params, changedAfter(real, k));
            assertThat(upTo(changed, k)).as("%s intents at or before candle %d", name, k).isEqualTo(upTo(original, k));
            anyLaterChange |= !changed.equals(original);
        }
        // The changed candles do reach the strategy: the guard would see a peek.
        assertThat(anyLaterChange).as("changing the later candles changes later intents").isTrue();
    }

    @Test
    void theGuardCatchesAStrategyThatPeeks() {
        List<Candle> real = RealCandles.btcUsd4h().bars();
        boolean caught = false;
        for (int k : CUTS) {
            List<Candle> changed = changedAfter(real, k);
            List<RecordingSignals.Intent> honest = RecordingSignals.run(new Peeking(real), real).intents();
            List<RecordingSignals.Intent> peeked = RecordingSignals.run(new Peeking(changed), changed).intents();
            caught |= !upTo(peeked, k).equals(upTo(honest, k));
        }
        assertThat(caught).as("a strategy reading the next candle is caught").isTrue();
    }

    /** What the Strategy API rules out: it holds the series and reads the candle after the current one. */
    private static final class Peeking implements Strategy {

        private final List<Candle> series;
        private int index = -1;

        Peeking(List<Candle> series) {
            this.series = series;
        }

        @Override
        public void onBar(Bar bar, Signals signals) {
            index++;
            boolean rises = index + 1 < series.size() && series.get(index + 1).close() > bar.close();
            if (rises && signals.position().isFlat()) {
                signals.enterLong();
            }
            else if (!rises && !signals.position().isFlat()) {
                signals.exit();
            }
        }
    }

    private List<RecordingSignals.Intent> run(String name, Map<String, Object> params, List<Candle> bars) {
        Strategy strategy = catalog.create(name, catalog.validate(name, params));
        return RecordingSignals.run(strategy, bars).intents();
    }

    private static List<RecordingSignals.Intent> upTo(List<RecordingSignals.Intent> intents, int k) {
        return intents.stream().filter(i -> i.index() <= k).toList();
    }

    /** Every candle after k rescaled by its own factor in [0.6, 1.4]: still a valid candle, another market. */
    static List<Candle> changedAfter(List<Candle> bars, int k) {
        List<Candle> changed = new ArrayList<>(bars.subList(0, k + 1));
        for (int i = k + 1; i < bars.size(); i++) {
            Candle c = bars.get(i);
            double f = 0.6 + 0.8 * ((i * 7919L) % 101) / 100.0;
            changed.add(new Candle(c.openTime(), c.open() * f, c.high() * f, c.low() * f, c.close() * f, c.volume() * (2 - f)));
        }
        return changed;
    }
}
