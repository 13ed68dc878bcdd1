package app.tradebot.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/** One candle as the exchange reports it. */
public record Kline(Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
        BigDecimal volume, Instant closeTime) {
}
