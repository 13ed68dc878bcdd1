package app.tradebot.backtest;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * How much a buy without its own amount spends: {@code fixed} = {@code value} in the quote asset,
 * {@code percent} = {@code value} % of the equity (all the quote and coins) marked at the decision candle's
 * close, as a live bot knows it (at most 100).
 */
record Sizing(@NotNull Type type,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000000") BigDecimal value) {

    enum Type {
        fixed, percent
    }
}
