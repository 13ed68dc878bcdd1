package app.tradebot.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;

/**
 * One row of bot_orders: a bot's order from its decision to its fate. {@code sentQuantity} is what
 * was sent (rounded to the step; a sell-all's position), {@code exchangeStatus} Binance's status as
 * it answered it (kept as text: a status this code does not know is kept too).
 */
public record BotOrder(UUID id, UUID botId, UUID userId, UUID accountId, String symbol, Instant candleOpenTime,
        int intentIndex, int attempt, String clientOrderId, Side side, OrderType type, BigDecimal quantity,
        BigDecimal quoteQuantity, BigDecimal price, BigDecimal stopPrice, BigDecimal takeProfitPrice,
        BigDecimal trailingStop, String reason, BotOrderStatus status, BigDecimal sentQuantity, Long fence,
        Long exchangeOrderId, String exchangeStatus, BigDecimal executedQuantity, BigDecimal cumulativeQuote,
        Integer rejectCode, String rejectMessage, String unknownReason, int lookupMisses, UUID replaces,
        long maxSignalAgeMs, String baseAsset, String quoteAsset, BigDecimal stepSize, BigDecimal minQty,
        BigDecimal minNotional, Instant decidedAt, Instant claimedAt, Instant answeredAt, Instant resolvedAt,
        Instant updatedAt, long seq) {

    public Duration maxSignalAge() {
        return Duration.ofMillis(maxSignalAgeMs);
    }

    boolean isSellAll() {
        return side == Side.SELL && quantity == null && quoteQuantity == null;
    }
}
