package app.tradebot.exchange.paper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderFilters;
import app.tradebot.exchange.OrderStatus;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;

record PaperOrderRow(UUID accountId, String clientOrderId, long orderId, String symbol, Side side, OrderType type,
        OrderStatus status, BigDecimal price, BigDecimal quantity, BigDecimal executedQuantity,
        BigDecimal cumulativeQuoteQuantity, Instant createdAt, Instant updatedAt, Instant checkedUntil) {

    Order toOrder() {
        return new Order(symbol, clientOrderId, orderId, side, type, status, price == null ? null : OrderFilters.plain(price),
                OrderFilters.plain(quantity), OrderFilters.plain(executedQuantity),
                OrderFilters.plain(cumulativeQuoteQuantity), createdAt, updatedAt);
    }
}
