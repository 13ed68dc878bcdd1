package app.tradebot.strategy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import app.tradebot.strategy.Candle;
import app.tradebot.strategy.RealCandles;
import app.tradebot.strategy.RecordingSignals;
import app.tradebot.strategy.Strategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The look-ahead guard over compiled strategies: the README examples, every function and look-back,
 * and random strategies. Changing the candles after k changes no intent at or before k.
 */
class RulesLookAheadTest {

    private static final int[] CUTS = { 0, 60, 1_000, 7_777, 15_000, 20_500 };

    static final List<String> EXAMPLES = List.of("""
            param fast: integer [2, 100] = 12
            param slow: integer [3, 400] = 26
            entry: ema(close, fast) crosses above ema(close, slow) and rsi(close, 14) < 70
            exit: ema(close, fast) crosses below ema(close, slow)
            stopLoss: 0.05
            """, """
            entry: close > bb(close, 20, 2).upper and volume > sma(volume, 20) * 1.5
            exit: close < bb(close, 20, 2).middle or close < donchian(10).lower[1]
            trailingStop: 0.08
            """, """
            entry: stoch(14, 3).k crosses above stoch(14, 3).d and stoch(14, 3).k < 20
            exit: stoch(14, 3).k > 80 or close < vwap(50) - 2 * atr(14)
            """, """
            entry: macd(close, 12, 26, 9).histogram > 0 and macd(close, 12, 26, 9).histogram[1] <= 0
                and wma(close, 10) > wma(close, 10)[5]
            exit: (high - low) / close > 0.05 or not (close > sma(close, 100))
            """);

    static Stream<String> strategies() {
        return Stream.concat(EXAMPLES.stream(), IntStream.range(0, 12).mapToObj(k -> {
            RandomRules random = new RandomRules(1_000 + k);
            return "entry: " + random.condition(3) + "\nexit: " + random.condition(3);
        }));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void changingLaterCandlesChangesNoEarlierIntent(String source) {
        CompiledRules rules = CompiledRules.compile(source);
        List<Candle> real = RealCandles.btcUsd4h().bars();
        List<RecordingSignals.Intent> original = run(rules, real);
        for (int k : CUTS) {
            List<RecordingSignals.Intent> changed = run(rules, changedAfter(real, k));
            assertThat(upTo(changed, k)).as("intents at or before candle %d", k).isEqualTo(upTo(original, k));
        }
    }

    private static List<RecordingSignals.Intent> run(CompiledRules rules, List<Candle> bars) {
        Strategy strategy = rules.create(rules.defaults());
        return RecordingSignals.run(strategy, bars).intents();
    }

    private static List<RecordingSignals.Intent> upTo(List<RecordingSignals.Intent> intents, int k) {
        return intents.stream().filter(i -> i.index() <= k).toList();
    }

    /** As the built-ins' guard: every candle after k rescaled by its own factor in [0.6, 1.4]. */
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
