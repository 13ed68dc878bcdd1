package app.tradebot.bots;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A bot as {@code GET /api/bots/{id}} shows it: its settings, status, position (from its fills), realised
 * PnL (average cost, fees included), unrealised PnL (the position at the latest stored close, against its
 * average entry), fees, the last candle processed, the last error and how many of its orders are open.
 */
record BotView(UUID id, String name, UUID accountId, String symbol, String interval, String strategy,
        Map<String, Object> params, BotSizing sizing, BotRisk risk, ReplayRange replay, BotStatus status,
        PositionView position, BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal fees, Instant lastCandle,
        String lastError, int openOrders, Instant startedAt, Instant stoppedAt, Instant createdAt, Instant updatedAt) {

    /** {@code markPrice} is the latest stored close the unrealised PnL was marked at (null without candles). */
    record PositionView(BigDecimal quantity, BigDecimal averageEntryPrice, boolean flat, BigDecimal markPrice) {
    }
}
