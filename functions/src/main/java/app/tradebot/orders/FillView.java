package app.tradebot.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.Side;

/** One fill of a bot's order: one exchange trade, stored once per account, symbol and trade id. */
public record FillView(UUID orderId, String symbol, long tradeId, long exchangeOrderId, Side side, BigDecimal price,
        BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal commission, String commissionAsset, boolean maker,
        Instant time, long seq) {
}
