package app.tradebot.market;

import java.math.BigDecimal;
import java.time.Instant;

/** A stored candle as the API shows it. */
record CandleView(Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
        BigDecimal volume) {
}
