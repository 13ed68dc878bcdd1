package app.tradebot.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.StrategyCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptimizerTest {

    final StrategyCatalog catalog = StrategyCatalog.builtIn();
    final CandleSeries candles = BtcCandles.series();
    final EngineSettings settings = new EngineSettings(10_000, 10, 10, 5, true, 100);

    @Test
    void parallelRunsGiveWhatEachRunGivesAlone() throws InterruptedException {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (int fast = 5; fast <= 25; fast += 5) {
            for (int slow = 30; slow <= 60; slow += 15) {
                sets.add(catalog.validate("sma-cross", Map.of("fast", fast, "slow", slow)));
            }
        }
        Optimizer optimizer = new Optimizer(candles, settings, p -> catalog.create("sma-cross", p), 4);

        Optimizer.Batch batch = optimizer.start(sets, 0, candles.size());
        assertThat(batch.await(60, TimeUnit.SECONDS)).isTrue();

        Metrics[] results = batch.results();
        assertThat(results).hasSize(15).doesNotContainNull();
        for (int k = 0; k < sets.size(); k++) {
            assertThat(results[k]).isEqualTo(optimizer.runOne(sets.get(k), 0, candles.size()));
        }
        assertThat(batch.percentDone()).isEqualTo(99);
    }

    @Test
    void aRunThatThrowsFailsTheBatch() {
        Optimizer optimizer = new Optimizer(candles, settings, p -> {
            throw new IllegalStateException("strategy broke");
        }, 2);

        Optimizer.Batch batch = optimizer.start(List.of(Map.of(), Map.of()), 0, 100);

        assertThatThrownBy(() -> batch.await(10, TimeUnit.SECONDS)).hasMessage("strategy broke");
    }
}
