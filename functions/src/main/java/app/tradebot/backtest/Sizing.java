package app.tradebot.backtest;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotNull;

/**
 * How much a buy without its own amount spends: {@code fixed} = {@code value} in the quote asset,
 * {@code percent} = {@code value} % of the equity marked at the fill candle's open.
 */
record Sizing(@NotNull Type type, @NotNull BigDecimal value) {

    enum Type {
        fixed, percent
    }
}
