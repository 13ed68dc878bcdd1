package app.tradebot.strategy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static app.tradebot.strategy.MovingAverageCrossTest.closes;
import static org.assertj.core.api.Assertions.assertThat;

class MacdCrossTest {

    @Test
    void entersWhenTheHistogramTurnsPositiveAndExitsWhenItTurnsNegative() {
        // MACD(2, 4, 2) histogram from candle 5 (ready): -0.008, +0.130 (buy at 6), +0.250, +0.161,
        // -0.004 (sell at 9), -0.160, -0.278, -0.182, -0.010, +0.150 (buy at 14).
        Strategy strategy = StrategyCatalog.builtIn().create("macd-cross", Map.of("fast", 2, "slow", 4, "signal", 2));
        RecordingSignals signals = RecordingSignals.run(strategy, closes(10, 10, 10, 9, 8, 8, 9, 11, 12, 12, 11, 9, 8, 8, 9));

        assertThat(signals.indices("buy")).containsExactly(6, 14);
        assertThat(signals.indices("sell")).containsExactly(9);
        assertThat(strategy.warmUp()).isEqualTo(6);
    }
}
