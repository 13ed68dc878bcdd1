package app.tradebot.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MovingAverageCrossTest {

    private final StrategyCatalog catalog = StrategyCatalog.builtIn();

    @Test
    void smaCrossEntersOnTheCandleTheFastAverageCrossesAboveAndExitsOnTheCrossBelow() {
        // fast SMA(2) - slow SMA(3) of the close: -0.5, -0.5, +0.17 (up at 4), +1.17, +0.33, -0.5 (down at 7).
        List<Candle> bars = closes(10, 9, 8, 7, 10, 11, 11, 8, 6, 5);
        RecordingSignals signals = RecordingSignals.run(catalog.create("sma-cross", Map.of("fast", 2, "slow", 3)), bars);

        assertThat(signals.indices("buy")).containsExactly(4);
        assertThat(signals.indices("sell")).containsExactly(7);
        assertThat(signals.intents().get(0).exits()).isEqualTo(Exits.NONE);
        assertThat(signals.intents().get(0).a()).isNaN();
    }

    @Test
    void noSignalBeforeBothAveragesAreReady() {
        // Fast above slow from the start: there is no cross, only a trend already running.
        List<Candle> bars = closes(1, 2, 3, 4, 5, 6, 7);
        RecordingSignals signals = RecordingSignals.run(catalog.create("sma-cross", Map.of("fast", 2, "slow", 3)), bars);

        assertThat(signals.intents()).isEmpty();
    }

    @Test
    void exitsAreAttachedToTheEntryAndNoSecondEntryWhileLong() {
        List<Candle> bars = closes(10, 9, 8, 7, 9, 11, 10.5, 11.5, 12, 8, 6, 5, 7, 9);
        Strategy strategy = catalog.create("ema-cross", Map.of("fast", 2, "slow", 4, "stopLoss", 0.05,
                "trailingStop", 0.1));
        RecordingSignals signals = RecordingSignals.run(strategy, bars);

        assertThat(signals.indices("buy")).containsExactly(5, 13);
        assertThat(signals.indices("sell")).containsExactly(9);
        assertThat(signals.intents().get(0).exits()).isEqualTo(new Exits(0.05, Double.NaN, 0.1));
        assertThat(strategy.warmUp()).isEqualTo(4);
    }

    @Test
    void emaCrossFollowsTheExponentialAverages() {
        // EMA(2) alpha 2/3, EMA(4) alpha 2/5, both seeded with 10: after 8 the spread is negative,
        // the jump to 14 at index 3 turns it positive.
        List<Candle> bars = closes(10, 8, 8, 14, 14, 5);
        RecordingSignals signals = RecordingSignals.run(catalog.create("ema-cross", Map.of("fast", 2, "slow", 4)), bars);

        assertThat(signals.indices("buy")).isEmpty();
        // With slow = 2 both are ready from index 1 on, so the cross at index 3 counts.
        RecordingSignals quick = RecordingSignals.run(catalog.create("ema-cross", Map.of("fast", 1, "slow", 2)), bars);
        assertThat(quick.indices("buy")).containsExactly(3);
        assertThat(quick.indices("sell")).containsExactly(5);
    }

    static List<Candle> closes(double... closes) {
        List<Candle> bars = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            bars.add(Candle.flat(i * 60_000L, closes[i]));
        }
        return bars;
    }
}
