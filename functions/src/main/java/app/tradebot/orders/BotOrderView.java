package app.tradebot.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;

/** A bot's order as its owner sees it: what was decided, what was sent and what became of it. */
public record BotOrderView(UUID id, String clientOrderId, Instant candleOpenTime, int intentIndex, int attempt, Side side,
        OrderType type, BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal price, BigDecimal sentQuantity,
        BotOrderStatus status, Long exchangeOrderId, String exchangeStatus, BigDecimal executedQuantity,
        BigDecimal cumulativeQuote, Integer rejectCode, String rejectMessage, String reason, UUID replaces,
        Instant decidedAt, Instant updatedAt) {

    static BotOrderView of(BotOrder o) {
        return new BotOrderView(o.id(), o.clientOrderId(), o.candleOpenTime(), o.intentIndex(), o.attempt(), o.side(),
                o.type(), o.quantity(), o.quoteQuantity(), o.price(), o.sentQuantity(), o.status(), o.exchangeOrderId(),
                o.exchangeStatus(), o.executedQuantity(), o.cumulativeQuote(), o.rejectCode(), o.rejectMessage(), o.reason(),
                o.replaces(), o.decidedAt(), o.updatedAt());
    }
}
