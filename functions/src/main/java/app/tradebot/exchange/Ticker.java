package app.tradebot.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/** A symbol's latest price and when it was read. */
public record Ticker(String symbol, BigDecimal price, Instant at) {
}
