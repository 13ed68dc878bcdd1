package app.tradebot.bots;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * How much a buy without its own amount spends: {@code fixed} = {@code value} in the quote asset,
 * {@code percent} = {@code value} % (at most 100) of the equity marked at the decision candle's close.
 */
record BotSizing(@NotNull Type type,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000000") BigDecimal value) {

    enum Type {
        fixed, percent
    }
}
