package app.tradebot.market;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A symbol's latest price, {@code at} when it was read, and where it came from: "cache" (refreshTickers),
 * "exchange" (asked now) or "candles" (the close of the latest stored candle).
 */
record TickerView(String symbol, BigDecimal price, Instant at, String source) {
}
