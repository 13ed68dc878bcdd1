package app.tradebot.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/optimizations}: backtests of one strategy over the same candles, one per
 * parameter set drawn from {@code ranges} ({@code grid}: every combination; {@code random}: up to
 * {@code maxRuns} distinct ones drawn with {@code seed}), ranked by {@code rankBy}. {@code params}
 * holds the parameters that stay fixed. With {@code walkForward}, the runs use the first
 * {@code inSampleFraction} of the candles and the best {@code topN} are run again on the rest.
 */
record OptimizationRequest(
        @NotBlank @Size(max = 20) String symbol,
        @NotBlank @Size(max = 3) String interval,
        @NotBlank @Size(max = 64) String strategy,
        Map<String, Object> params,
        @NotEmpty @Size(max = 10) Map<String, @Valid @NotNull Range> ranges,
        @NotNull Search search,
        @NotNull @Min(1) @Max(OptimizationRequest.MAX_RUNS) Integer maxRuns,
        Long seed,
        @NotNull Metrics.RankMetric rankBy,
        @Valid WalkForward walkForward,
        @NotNull Instant from,
        @NotNull Instant to,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000000") BigDecimal startingBalance,
        @NotNull @DecimalMin("0") @DecimalMax("1000") BigDecimal feeBps,
        @DecimalMin("0") @DecimalMax("1000") BigDecimal makerFeeBps,
        @NotNull @DecimalMin("0") @DecimalMax("1000") BigDecimal slippageBps,
        @NotNull @Valid Sizing sizing) {

    static final int MAX_RUNS = 100_000;

    enum Search {
        grid, random
    }

    /** Numbers {@code min}, {@code min + step}, … up to {@code max}; or the listed {@code values}. */
    record Range(BigDecimal min, BigDecimal max, @DecimalMin(value = "0", inclusive = false) BigDecimal step,
            @Size(min = 1, max = 1000) List<Object> values) {
    }

    record WalkForward(@NotNull @DecimalMin("0.1") @DecimalMax("0.95") BigDecimal inSampleFraction,
            @NotNull @Min(1) @Max(100) Integer topN) {
    }

    /** The backtest each run is, before its parameters are set. */
    BacktestRequest base() {
        return new BacktestRequest(symbol, interval, strategy, params, from, to, startingBalance, feeBps, makerFeeBps,
                slippageBps, sizing);
    }

    /** The request as checked: the base's symbol, interval and pinned strategy (a user strategy's exact version). */
    OptimizationRequest with(BacktestRequest base, Long chosenSeed) {
        return new OptimizationRequest(base.symbol(), base.interval(), base.strategy(), params, ranges, search, maxRuns,
                chosenSeed, rankBy, walkForward, from, to, startingBalance, feeBps, makerFeeBps, slippageBps, sizing);
    }
}
