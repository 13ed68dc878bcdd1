package app.tradebot.bots;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits a bot trades within, each optional: {@code maxSignalAgeSeconds} (default
 * {@value #DEFAULT_MAX_SIGNAL_AGE_SECONDS}): a signal whose order was found not placed is sent again
 * only while it is younger; {@code maxOrderQuote}: no buy spends more than this in the quote asset.
 */
record BotRisk(@Min(1) @Max(86_400) Integer maxSignalAgeSeconds,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000000") BigDecimal maxOrderQuote) {

    static final int DEFAULT_MAX_SIGNAL_AGE_SECONDS = 300;

    static final BotRisk DEFAULT = new BotRisk(DEFAULT_MAX_SIGNAL_AGE_SECONDS, null);

    BotRisk withDefaults() {
        return new BotRisk(maxSignalAgeSeconds == null ? DEFAULT_MAX_SIGNAL_AGE_SECONDS : maxSignalAgeSeconds, maxOrderQuote);
    }
}
