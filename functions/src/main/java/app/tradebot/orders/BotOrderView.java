package app.tradebot.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;

/**
 * A bot's order as its owner sees it: what was decided, what was sent and what became of it. A PROTECT
 * order shows its exits as priced when sent ({@code stopPrice}, {@code takeProfitPrice}), its trailing
 * fraction and, while the bot holds it, the trailing stop's high-water mark; other orders show them null.
 */
public record BotOrderView(UUID id, String clientOrderId, Instant candleOpenTime, int intentIndex, int attempt, Side side,
        OrderType type, BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal price, BigDecimal sentQuantity,
        BotOrderStatus status, Long exchangeOrderId, String exchangeStatus, BigDecimal executedQuantity,
        BigDecimal cumulativeQuote, Integer rejectCode, String rejectMessage, String reason, UUID replaces,
        Instant decidedAt, Instant updatedAt, BigDecimal stopPrice, BigDecimal takeProfitPrice, BigDecimal trailingStop,
        BigDecimal highWater) {

    static BotOrderView of(BotOrder o) {
        return new BotOrderView(o.id(), o.clientOrderId(), o.candleOpenTime(), o.intentIndex(), o.attempt(), o.side(),
                o.type(), o.quantity(), o.quoteQuantity(), o.price(), o.sentQuantity(), o.status(), o.exchangeOrderId(),
                o.exchangeStatus(), o.executedQuantity(), o.cumulativeQuote(), o.rejectCode(), o.rejectMessage(), o.reason(),
                o.replaces(), o.decidedAt(), o.updatedAt(), o.stopPrice(), o.takeProfitPrice(), o.trailingStop(), o.highWater());
    }
}
