package app.tradebot.market;

import java.math.BigDecimal;
import java.time.Instant;

/** One valid row of an uploaded candle file. */
record CandleRow(Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
        BigDecimal volume) {
}
