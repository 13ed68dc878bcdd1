package app.tradebot.strategy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static app.tradebot.strategy.MovingAverageCrossTest.closes;
import static org.assertj.core.api.Assertions.assertThat;

class DcaTest {

    @Test
    void buysOnScheduleAndTakesProfitOnTheAverageEntry() {
        Strategy dca = StrategyCatalog.builtIn().create("dca", Map.of("interval", 2, "amount", 50, "takeProfit", 0.1));
        // Buys at 0 and 2 fill at 100 and 95: average 97.44, take-profit at 107.18, reached by the close
        // of 4, which sells instead of buying; 6 buys again.
        RecordingSignals signals = RecordingSignals.run(dca, closes(100, 100, 90, 95, 110, 120, 130));

        assertThat(signals.indices("buy")).containsExactly(0, 2, 6);
        assertThat(signals.indices("sell")).containsExactly(4);
        assertThat(signals.intents().get(0)).isEqualTo(new RecordingSignals.Intent(0, "buy", 50, Double.NaN, Exits.NONE));
    }
}
