package app.tradebot.strategy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static app.tradebot.strategy.MovingAverageCrossTest.closes;
import static org.assertj.core.api.Assertions.assertThat;

class BollingerTest {

    // Bands(3, k = 1): at 4 the window 10, 10, 7 has middle 9, lower 7.59; at 6 the window 7, 8, 11 has
    // middle 8.67, upper 10.37; at 8 the window 11, 10, 8 has middle 9.67, lower 8.42.
    private final List<Candle> bars = closes(10, 10, 10, 10, 7, 8, 11, 10, 8);

    @Test
    void reversionBuysBelowTheLowerBandAndSellsAboveTheMiddle() {
        RecordingSignals signals = RecordingSignals.run(StrategyCatalog.builtIn().create("bollinger",
                Map.of("period", 3, "k", 1, "mode", "reversion")), bars);

        assertThat(signals.indices("buy")).containsExactly(4, 8);
        assertThat(signals.indices("sell")).containsExactly(6);
    }

    @Test
    void breakoutBuysAboveTheUpperBandAndSellsBelowTheMiddle() {
        RecordingSignals signals = RecordingSignals.run(StrategyCatalog.builtIn().create("bollinger",
                Map.of("period", 3, "k", 1, "mode", "breakout")), bars);

        assertThat(signals.indices("buy")).containsExactly(6);
        assertThat(signals.indices("sell")).containsExactly(8);
    }
}
