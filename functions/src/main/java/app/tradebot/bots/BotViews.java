package app.tradebot.bots;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.exchange.Kline;
import app.tradebot.market.CandleFeed;
import app.tradebot.orders.BotOrders;
import app.tradebot.orders.BotPosition;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.http.NotFound;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Finds the caller's bots (another user's is a 404) and shows them with their position and PnL. */
final class BotViews {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final BotDao bots;
    private final BotOrders orders;
    private final CandleFeed feed;
    private final JsonMapper json;

    BotViews(BotDao bots, BotOrders orders, CandleFeed feed, JsonMapper json) {
        this.bots = bots;
        this.orders = orders;
        this.feed = feed;
        this.json = json;
    }

    Bot find(UUID id, UUID userId) {
        return bots.find(id, userId).orElseThrow(() -> notFound(id));
    }

    static NotFound notFound(UUID id) {
        return new NotFound("No bot " + id + ".");
    }

    /** A bot's position marked at the latest stored close before {@code now}, and its PnL. */
    record Pnl(BotPosition position, BigDecimal mark, BigDecimal realized, BigDecimal unrealized) {
    }

    Pnl pnl(Bot bot, Instant now) {
        BotPosition position = orders.position(bot.id());
        List<Kline> last = bot.candles(feed).before(bot.symbol(), bot.candleInterval(), now, 1);
        BigDecimal mark = last.isEmpty() ? null : last.get(0).close();
        BigDecimal unrealized = BigDecimal.ZERO;
        if (!position.flat() && mark != null && position.averageEntryPrice() != null) {
            unrealized = mark.subtract(position.averageEntryPrice()).multiply(position.quantity());
        }
        return new Pnl(position, mark, position.realisedPnl(), unrealized);
    }

    BotView view(Bot bot, Instant now) {
        Pnl pnl = pnl(bot, now);
        BotPosition position = pnl.position();
        ReplayRange replay = bot.isReplay() ? new ReplayRange(bot.replayFrom(), bot.replayTo()) : null;
        return new BotView(bot.id(), bot.name(), bot.accountId(), bot.symbol(), bot.interval(), bot.strategy(),
                params(bot), bot.sizing(), risk(bot), replay, bot.status(),
                new BotView.PositionView(position.quantity(), position.averageEntryPrice(), position.flat(), pnl.mark()),
                pnl.realized(), pnl.unrealized(), position.fees(), bot.lastCandle(), bot.lastError(),
                orders.openOrderCount(bot.id()), bot.startedAt(), bot.stoppedAt(), bot.createdAt(), bot.updatedAt());
    }

    Map<String, Object> params(Bot bot) {
        return json.readValue(bot.params(), new TypeReference<Map<String, Object>>() {
        });
    }

    BotRisk risk(Bot bot) {
        return bot.risk() == null ? BotRisk.DEFAULT : json.readValue(bot.risk(), BotRisk.class).withDefaults();
    }

    /** The {@code limit} query parameter: 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw Invalid.field("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
