package app.tradebot.bots;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits a bot trades within, each optional ({@link PreTradeChecks} applies them):
 * <ul>
 * <li>{@code maxSignalAgeSeconds} (default {@value #DEFAULT_MAX_SIGNAL_AGE_SECONDS}): a live bot trades on no
 * candle that closed longer ago, and a signal whose order was found not placed is sent again only while younger;
 * <li>{@code maxOrderQuote}: no buy spends more than this in the quote asset;
 * <li>{@code maxPositionQuote}: a buy that would make the position (at the candle's close) and the open buys
 * worth more than this is refused;
 * <li>{@code maxOpenOrders}: an intent is refused while the bot has this many orders not settled (a market
 * sell or a protective exit, which only lower the risk, never is);
 * <li>{@code maxDailyLossPct}: realised plus unrealised PnL since 00:00 UTC at or below minus this percentage
 * of the bot's allocation stops the bot (reason risk);
 * <li>{@code cooldownCandles}: no buy on this many candles after a stop-loss exit;
 * <li>{@code flattenOnStop}: a risk stop also sells the position, through the order path.
 * </ul>
 */
record BotRisk(@Min(1) @Max(86_400) Integer maxSignalAgeSeconds,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000000") BigDecimal maxOrderQuote,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000000") BigDecimal maxPositionQuote,
        @Min(1) @Max(1000) Integer maxOpenOrders,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal maxDailyLossPct,
        @Min(0) @Max(10_000) Integer cooldownCandles,
        Boolean flattenOnStop) {

    static final int DEFAULT_MAX_SIGNAL_AGE_SECONDS = 300;

    static final BotRisk DEFAULT = new BotRisk(DEFAULT_MAX_SIGNAL_AGE_SECONDS, null, null, null, null, null, false);

    BotRisk withDefaults() {
        return new BotRisk(maxSignalAgeSeconds == null ? DEFAULT_MAX_SIGNAL_AGE_SECONDS : maxSignalAgeSeconds, maxOrderQuote,
                maxPositionQuote, maxOpenOrders, maxDailyLossPct, cooldownCandles, flattenOnStop != null && flattenOnStop);
    }

    boolean flattens() {
        return flattenOnStop != null && flattenOnStop;
    }
}
