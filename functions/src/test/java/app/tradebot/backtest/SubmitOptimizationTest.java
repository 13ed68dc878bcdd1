package app.tradebot.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Invalid;
import app.tradebot.strategy.StrategyCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SubmitOptimizationTest {

    static OptimizationRequest request(int maxRuns) {
        return new OptimizationRequest("BTCUSD", "4h", "sma-cross", Map.of(),
                Map.of("fast", ParameterSetsTest.range(1, 100, 1), "slow", ParameterSetsTest.range(101, 200, 1)),
                OptimizationRequest.Search.random, maxRuns, 1L, Metrics.RankMetric.sharpe, null,
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"), BigDecimal.TEN, BigDecimal.ONE,
                null, BigDecimal.ZERO, new Sizing(Sizing.Type.percent, BigDecimal.TEN));
    }

    @Test
    void moreThanTenBillionCandlesInAllIsRefusedBeforeAnythingIsStored() {
        // 10M candles × 1,001 runs; nothing to store into or queue on: the check comes first
        SubmitOptimization submit = new SubmitOptimization(BacktestRulesTest.rules(10_000_000), StrategyCatalog.builtIn(),
                null, null);
        ApiRequest caller = new ApiRequest("POST", "/api/optimizations", null, null, null, null, null, null,
                java.util.UUID.randomUUID());

        Invalid invalid = catchThrowableOfType(Invalid.class, () -> submit.handle(request(1001), caller));

        assertThat(invalid.getMessage()).isEqualTo("1,001 runs over 10,000,000 candles are more than 10,000,000,000 "
                + "candles in all: narrow the ranges, lower maxRuns or shorten the time range.");
    }
}
