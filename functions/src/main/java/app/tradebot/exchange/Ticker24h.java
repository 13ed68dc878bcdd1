package app.tradebot.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/** Rolling 24-hour statistics of a symbol. */
public record Ticker24h(String symbol, BigDecimal lastPrice, BigDecimal priceChange, BigDecimal priceChangePercent,
        BigDecimal highPrice, BigDecimal lowPrice, BigDecimal volume, BigDecimal quoteVolume, Instant openTime,
        Instant closeTime) {
}
