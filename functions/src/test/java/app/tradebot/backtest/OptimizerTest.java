package app.tradebot.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.rules.CompiledRules;
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

        Optimizer.Outcome[] results = batch.results();
        assertThat(results).hasSize(15).doesNotContainNull();
        for (int k = 0; k < sets.size(); k++) {
            assertThat(results[k]).isEqualTo(optimizer.runOne(sets.get(k), 0, candles.size()));
        }
        assertThat(batch.percentDone()).isEqualTo(99);
    }

    /**
     * Each run counts the candles where its strategy's deciding rule was undefined, as a backtest of the same set
     * does: here every candle of the set dividing by zero, none of the others.
     */
    @Test
    void eachRunCountsTheCandlesWhereItsRuleWasUndefined() throws InterruptedException {
        CompiledRules rules = CompiledRules.compile("""
                param p: integer [1, 10] = 1
                # divides by zero when p is 3: undefined on every candle, so it never buys
                entry: close / (p - 3) > 0
                exit: close < 0
                """);
        List<Map<String, Object>> sets = List.of(Map.of("p", 2), Map.of("p", 3), Map.of("p", 4));
        Optimizer optimizer = new Optimizer(candles, settings, p -> rules.create(Map.of("p", (Integer) p.get("p"))), 2);

        Optimizer.Batch batch = optimizer.start(sets, 0, candles.size());
        assertThat(batch.await(60, TimeUnit.SECONDS)).isTrue();

        Optimizer.Outcome[] results = batch.results();
        assertThat(results).extracting(Optimizer.Outcome::undefinedCandles).containsExactly(0, candles.size(), 0);
        for (int k = 0; k < sets.size(); k++) {
            Simulation backtest = new BacktestEngine(candles, settings).run(rules.create(Map.of("p", (Integer) sets.get(k)
                    .get("p"))), 0, candles.size(), BacktestEngine.Control.NONE);
            assertThat(results[k].undefinedCandles()).isEqualTo(BacktestReport.of(candles, backtest,
                    Metrics.of(candles, backtest)).undefinedCandles());
        }
        assertThat(results[2].metrics().exposure()).as("p = 4 buys and holds: its exit is never undefined").isPositive();
    }

    /**
     * A walk-forward run out of sample counts its own undefined candles: those it trades on, not those it was
     * shown first to warm up (here the set dividing by zero is undefined on every candle it trades on).
     */
    @Test
    void anOutOfSampleRunCountsItsOwnUndefinedCandles() {
        CompiledRules rules = CompiledRules.compile("""
                param p: integer [1, 10] = 1
                # divides by zero when p is 3, once the SMA is warm
                entry: sma(close, 20) / (p - 3) > 0
                exit: close < 0
                """);
        Optimizer optimizer = new Optimizer(candles, settings, p -> rules.create(Map.of("p", (Integer) p.get("p"))), 1);
        int split = candles.size() * 7 / 10;

        Optimizer.Outcome undefined = optimizer.runWarm(Map.of("p", 3), split, candles.size());
        Optimizer.Outcome defined = optimizer.runWarm(Map.of("p", 4), split, candles.size());

        assertThat(undefined.undefinedCandles()).isEqualTo(candles.size() - split);
        assertThat(undefined.metrics().exposure()).as("nothing traded").isZero();
        assertThat(defined.undefinedCandles()).isZero();
        assertThat(defined.metrics().exposure()).as("p = 4 buys and holds").isPositive();
        assertThat(optimizer.runOne(Map.of("p", 3), 0, split).undefinedCandles()).as("in sample, its own count")
                .isNotEqualTo(undefined.undefinedCandles()).isPositive();
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
