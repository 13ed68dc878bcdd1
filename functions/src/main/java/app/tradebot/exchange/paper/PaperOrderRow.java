package app.tradebot.exchange.paper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderFilters;
import app.tradebot.exchange.OrderStatus;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.fill.Protection;

record PaperOrderRow(UUID accountId, String clientOrderId, long orderId, String symbol, Side side, OrderType type,
        OrderStatus status, BigDecimal price, BigDecimal quantity, BigDecimal executedQuantity,
        BigDecimal cumulativeQuoteQuantity, Instant createdAt, Instant updatedAt, Instant checkedUntil,
        BigDecimal stopPrice, BigDecimal takeProfitPrice, BigDecimal trailingDelta, BigDecimal highWater) {

    Order toOrder() {
        return new Order(symbol, clientOrderId, orderId, side, type, status, price == null ? null : OrderFilters.plain(price),
                OrderFilters.plain(quantity), OrderFilters.plain(executedQuantity),
                OrderFilters.plain(cumulativeQuoteQuantity), createdAt, updatedAt);
    }

    /** A PROTECT order's exits as the fill model checks them. */
    Protection protection() {
        return new Protection(quantity, stopPrice, takeProfitPrice, trailingDelta, highWater);
    }

    /** What the order holds of the asset it spends while it rests: a buy quantity × price of quote, a sell its quantity. */
    BigDecimal reserved() {
        return side == Side.BUY ? quantity.multiply(price) : quantity;
    }

    PaperOrderRow withHighWater(BigDecimal value) {
        return new PaperOrderRow(accountId, clientOrderId, orderId, symbol, side, type, status, price, quantity,
                executedQuantity, cumulativeQuoteQuantity, createdAt, updatedAt, checkedUntil, stopPrice, takeProfitPrice,
                trailingDelta, value);
    }
}
