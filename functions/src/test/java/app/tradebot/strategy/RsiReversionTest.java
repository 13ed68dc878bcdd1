package app.tradebot.strategy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static app.tradebot.strategy.MovingAverageCrossTest.closes;
import static org.assertj.core.api.Assertions.assertThat;

class RsiReversionTest {

    @Test
    void buysOversoldAndSellsOverbought() {
        // RSI(2): 100, 100 (ready at 2), 42.9, 20.0 (< 30: buy at 4), 9.7, 70.5 (> 70: sell at 6), 87.4, ...
        Strategy strategy = StrategyCatalog.builtIn().create("rsi-reversion",
                Map.of("period", 2, "oversold", 30, "overbought", 70, "takeProfit", 0.5));
        RecordingSignals signals = RecordingSignals.run(strategy, closes(10, 11, 12, 11, 10, 9, 11, 13, 14));

        assertThat(signals.indices("buy")).containsExactly(4);
        assertThat(signals.indices("sell")).containsExactly(6);
        assertThat(signals.intents().get(0).exits()).isEqualTo(new Exits(Double.NaN, 0.5, Double.NaN));
        assertThat(strategy.warmUp()).isEqualTo(3);
    }
}
