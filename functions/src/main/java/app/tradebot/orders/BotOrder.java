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
 * it answered it (kept as text: a status this code does not know is kept too). A PROTECT order's exits
 * are the fractions {@code stopLoss}, {@code takeProfit} and {@code trailingStop}; {@code stopPrice} and
 * {@code takeProfitPrice} are their prices as sent, {@code highWater} the trailing stop's mark and
 * {@code checkedUntil} the last candle checked while the bot holds it ({@link BotOrderStatus#ARMED}).
 */
public record BotOrder(UUID id, UUID botId, UUID userId, UUID accountId, String symbol, Instant candleOpenTime,
        int intentIndex, int attempt, String clientOrderId, Side side, OrderType type, BigDecimal quantity,
        BigDecimal quoteQuantity, BigDecimal price, BigDecimal stopPrice, BigDecimal takeProfitPrice,
        BigDecimal trailingStop, String reason, BotOrderStatus status, BigDecimal sentQuantity, Long fence,
        Long exchangeOrderId, String exchangeStatus, BigDecimal executedQuantity, BigDecimal cumulativeQuote,
        Integer rejectCode, String rejectMessage, String unknownReason, int lookupMisses, UUID replaces,
        long maxSignalAgeMs, String baseAsset, String quoteAsset, BigDecimal stepSize, BigDecimal minQty,
        BigDecimal minNotional, Instant decidedAt, Instant claimedAt, Instant answeredAt, Instant resolvedAt,
        Instant updatedAt, long seq, BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal highWater,
        Instant checkedUntil) {

    public Duration maxSignalAge() {
        return Duration.ofMillis(maxSignalAgeMs);
    }

    /** Refused before anything was sent because there was nothing to do (a sell-all of dust, nothing to protect). */
    public boolean skipped() {
        return status == BotOrderStatus.REJECTED && rejectCode != null && rejectCode == 0 && rejectMessage != null
                && rejectMessage.startsWith(BotOrders.NOTHING_TO);
    }

    boolean isSellAll() {
        return side == Side.SELL && type == OrderType.MARKET && quantity == null && quoteQuantity == null;
    }
}
