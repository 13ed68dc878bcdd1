package app.tradebot.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/** One fill of one of the account's orders. */
public record Trade(String symbol, long id, Long exchangeOrderId, Side side, BigDecimal price, BigDecimal quantity,
        BigDecimal quoteQuantity, BigDecimal commission, String commissionAsset, boolean maker, Instant time) {
}
