package app.tradebot.strategy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GridTest {

    @Test
    void buysBelowThePriceSellsOneLevelUpAndBuysAgainAfterTheSell() {
        // Levels 100, 110, 120, 130, 140.
        Strategy grid = StrategyCatalog.builtIn().create("grid",
                Map.of("lower", 100, "upper", 140, "levels", 5, "amountPerLevel", 100));
        List<Candle> bars = List.of(
                // Touches 100 and 110 itself, but orders placed on a candle rest from the next one.
                new Candle(0, 125, 126, 95, 125, 1),
                new Candle(1, 122, 126, 118, 122, 1),
                new Candle(2, 122, 131, 121, 131, 1),
                new Candle(3, 131, 131, 105, 108, 1));
        RecordingSignals signals = RecordingSignals.run(grid, bars);

        assertThat(signals.intents()).containsExactly(
                new RecordingSignals.Intent(0, "buyLimit", 100, 100, null),
                new RecordingSignals.Intent(0, "buyLimit", 110, 100, null),
                new RecordingSignals.Intent(0, "buyLimit", 120, 100, null),
                // 120 filled: sell what it bought at 130.
                new RecordingSignals.Intent(1, "sellLimit", 130, 100 / 120.0, null),
                // 130 sold: 120 buys again; the price is above 130 now, so 130 buys too.
                new RecordingSignals.Intent(2, "buyLimit", 120, 100, null),
                new RecordingSignals.Intent(2, "buyLimit", 130, 100, null),
                // Down to 105: 110, 120 and 130 filled, each sells one level up; 100 still rests.
                new RecordingSignals.Intent(3, "sellLimit", 120, 100 / 110.0, null),
                new RecordingSignals.Intent(3, "sellLimit", 130, 100 / 120.0, null),
                new RecordingSignals.Intent(3, "sellLimit", 140, 100 / 130.0, null));
        assertThat(signals.position().quantity()).isEqualTo(100 / 110.0 + 100 / 120.0 + 100 / 130.0);
        assertThat(grid.warmUp()).isZero();
    }

    @Test
    void aPriceAboveTheRangeBuysAtEveryLevelButTheTop() {
        RecordingSignals signals = RecordingSignals.run(StrategyCatalog.builtIn().create("grid",
                Map.of("lower", 10, "upper", 20, "levels", 3)), List.of(Candle.flat(0, 50)));

        assertThat(signals.intents()).extracting(RecordingSignals.Intent::a).containsExactly(10.0, 15.0);
    }
}
