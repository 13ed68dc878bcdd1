package app.tradebot.bots;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/bots}: the user's bots, newest first, each with its PnL (as {@code getBot} gives it,
 * so a list needs no call per bot); {@code nextCursor} is null on the last page.
 */
record BotList(List<Summary> bots, String nextCursor) {

    record Summary(UUID id, String name, UUID accountId, String symbol, String interval, String strategy,
            BotStatus status, boolean replay, BigDecimal realizedPnl, BigDecimal unrealizedPnl, Instant lastCandle,
            String lastError, Instant createdAt) {

        static Summary of(Bot bot, BotViews.Pnl pnl) {
            return new Summary(bot.id(), bot.name(), bot.accountId(), bot.symbol(), bot.interval(), bot.strategy(),
                    bot.status(), bot.isReplay(), pnl.realized(), pnl.unrealized(), bot.lastCandle(), bot.lastError(),
                    bot.createdAt());
        }
    }
}
