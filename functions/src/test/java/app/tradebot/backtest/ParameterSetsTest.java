package app.tradebot.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.StrategyDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ParameterSetsTest {

    static final StrategyDescriptor SMA = StrategyCatalog.builtIn().list().stream()
            .filter(d -> d.name().equals("sma-cross")).findFirst().orElseThrow();

    static OptimizationRequest request(Map<String, OptimizationRequest.Range> ranges, OptimizationRequest.Search search,
            int maxRuns, Long seed) {
        return new OptimizationRequest("BTCUSD", "4h", "sma-cross", Map.of("stopLoss", 0.05), ranges, search, maxRuns, seed,
                Metrics.RankMetric.sharpe, null, Instant.EPOCH, Instant.now(), BigDecimal.TEN, BigDecimal.ONE, null,
                BigDecimal.ZERO, new Sizing(Sizing.Type.percent, BigDecimal.TEN));
    }

    static OptimizationRequest.Range range(int min, int max, int step) {
        return new OptimizationRequest.Range(BigDecimal.valueOf(min), BigDecimal.valueOf(max), BigDecimal.valueOf(step), null);
    }

    static Map<String, OptimizationRequest.Range> fastAndSlow() {
        Map<String, OptimizationRequest.Range> ranges = new LinkedHashMap<>();
        ranges.put("slow", range(20, 40, 10));
        ranges.put("fast", range(5, 15, 5));
        return ranges;
    }

    @Test
    void aGridIsEveryCombinationOverTheFixedParameters() {
        List<Map<String, Object>> sets = ParameterSets.of(request(fastAndSlow(), OptimizationRequest.Search.grid, 9, null), SMA);

        assertThat(sets).hasSize(9);
        assertThat(sets.get(0)).isEqualTo(Map.of("stopLoss", 0.05, "fast", 5, "slow", 20));
        assertThat(sets.get(8)).isEqualTo(Map.of("stopLoss", 0.05, "fast", 15, "slow", 40));
        assertThat(sets).extracting(s -> s.get("fast")).allMatch(v -> v instanceof Integer);
    }

    @Test
    void aGridLargerThanMaxRunsIsRefused() {
        Invalid invalid = catchThrowableOfType(Invalid.class,
                () -> ParameterSets.of(request(fastAndSlow(), OptimizationRequest.Search.grid, 8, null), SMA));

        assertThat(invalid.errors()).containsExactly(new FieldError("maxRuns",
                "is 8 but the grid has 9 combinations: raise maxRuns (at most 100000) or use random search"));
    }

    @Test
    void randomSearchDrawsDistinctSetsTheSameWayForTheSameSeed() {
        Map<String, OptimizationRequest.Range> wide = Map.of("fast", range(1, 100, 1), "slow", range(101, 300, 1));

        List<Map<String, Object>> first = ParameterSets.of(request(wide, OptimizationRequest.Search.random, 500, 42L), SMA);
        List<Map<String, Object>> again = ParameterSets.of(request(wide, OptimizationRequest.Search.random, 500, 42L), SMA);
        List<Map<String, Object>> other = ParameterSets.of(request(wide, OptimizationRequest.Search.random, 500, 7L), SMA);

        assertThat(first).hasSize(500).doesNotHaveDuplicates().isEqualTo(again).isNotEqualTo(other);
    }

    @Test
    void badRangesAreNamed() {
        Map<String, OptimizationRequest.Range> ranges = new LinkedHashMap<>();
        ranges.put("length", range(1, 2, 1));
        ranges.put("fast", range(10, 5, 1));
        ranges.put("slow", new OptimizationRequest.Range(BigDecimal.ONE, null, null, null));
        StrategyDescriptor.Parameter stopLoss = SMA.parameters().stream().filter(p -> p.name().equals("stopLoss")).findFirst().orElseThrow();
        ranges.put("stopLoss", new OptimizationRequest.Range(BigDecimal.valueOf(stopLoss.min()), BigDecimal.valueOf(stopLoss.max()),
                new BigDecimal("0.000001"), null));

        Invalid invalid = catchThrowableOfType(Invalid.class,
                () -> ParameterSets.of(request(ranges, OptimizationRequest.Search.grid, 10, null), SMA));

        assertThat(invalid.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("ranges.length", "ranges.fast.max", "ranges.slow", "ranges.stopLoss");
    }

    @Test
    void aRangeBeyondTheParametersBoundsIsRefusedBeforeItIsExpanded() {
        StrategyDescriptor.Parameter fast = SMA.parameters().stream().filter(p -> p.name().equals("fast")).findFirst().orElseThrow();
        int above = fast.max().intValue() + 1;
        Map<String, OptimizationRequest.Range> ranges = Map.of("fast", range(fast.min().intValue() - 1, above, 1));

        Invalid invalid = catchThrowableOfType(Invalid.class,
                () -> ParameterSets.of(request(ranges, OptimizationRequest.Search.grid, 100_000, null), SMA));

        assertThat(invalid.errors()).containsExactly(
                new FieldError("ranges.fast.min", "must be at least " + fast.min().intValue()),
                new FieldError("ranges.fast.max", "must be at most " + fast.max().intValue()));
    }

    @Test
    void anAstronomicalRangeIsRefusedAtOnce() {
        Map<String, OptimizationRequest.Range> ranges = Map.of("stopLoss", new OptimizationRequest.Range(
                new BigDecimal("0.01"), new BigDecimal("1e100000000"), new BigDecimal("1e-100000000"), null));

        long started = System.nanoTime();
        Invalid invalid = catchThrowableOfType(Invalid.class,
                () -> ParameterSets.of(request(ranges, OptimizationRequest.Search.grid, 10, null), SMA));

        assertThat(invalid.errors()).extracting(FieldError::field).containsExactly("ranges.stopLoss.max", "ranges.stopLoss.step");
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }
}
