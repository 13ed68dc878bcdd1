package app.tradebot.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import app.tradebot.exchange.SymbolRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/backtests}: the candles {@code [from, to)} of a stored symbol and interval, a
 * strategy of the catalog with its parameters, the money and the costs. {@code feeBps} is the taker
 * fee; {@code makerFeeBps} (resting limits, take-profit) defaults to it.
 */
record BacktestRequest(
        @NotBlank @Size(max = 20) String symbol,
        @NotBlank @Size(max = 3) String interval,
        @NotBlank @Size(max = 64) String strategy,
        Map<String, Object> params,
        @NotNull Instant from,
        @NotNull Instant to,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000000") BigDecimal startingBalance,
        @NotNull @DecimalMin("0") @DecimalMax("1000") BigDecimal feeBps,
        @DecimalMin("0") @DecimalMax("1000") BigDecimal makerFeeBps,
        @NotNull @DecimalMin("0") @DecimalMax("1000") BigDecimal slippageBps,
        @NotNull @Valid Sizing sizing) {

    EngineSettings engineSettings() {
        return engineSettings(null);
    }

    /** With the symbol's exchange filters (null: none known). */
    EngineSettings engineSettings(SymbolRules rules) {
        double taker = feeBps.doubleValue();
        return new EngineSettings(startingBalance.doubleValue(), taker,
                makerFeeBps == null ? taker : makerFeeBps.doubleValue(), slippageBps.doubleValue(),
                sizing.type() == Sizing.Type.percent, sizing.value().doubleValue(), rules);
    }
}
