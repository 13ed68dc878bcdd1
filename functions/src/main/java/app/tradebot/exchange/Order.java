package app.tradebot.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/** An order as the exchange knows it. {@code price} is null for MARKET orders. */
public record Order(String symbol, String clientOrderId, Long exchangeOrderId, Side side, OrderType type,
        OrderStatus status, BigDecimal price, BigDecimal quantity, BigDecimal executedQuantity,
        BigDecimal cumulativeQuoteQuantity, Instant createdAt, Instant updatedAt) {
}
