package app.tradebot.bots;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.tradebot.exchange.Kline;
import app.tradebot.market.CandleFeed;
import app.tradebot.market.CandleHistory;
import app.tradebot.orders.BotPosition;
import app.tradebot.orders.BotOrders;

/**
 * A bot's position (from its fills: {@link BotOrders#position}) marked at its last price, the latest
 * close of its symbol and interval its owner sees (the exchange's candles, and the owner's own imports where
 * the exchange has none; never another user's): the one reading of a bot's PnL, shown by the bot's view and by
 * the portfolio.
 */
public final class BotMarks {

    /**
     * A bot with its position at {@code lastPrice} (null without candles). {@code quoteAsset} is what its
     * PnL is counted in (null when the symbol's assets are not known).
     */
    public record Marked(UUID botId, UUID accountId, String name, String symbol, BotStatus status, String quoteAsset,
            BotPosition position, BigDecimal lastPrice) {

        public BigDecimal unrealisedPnl() {
            return position.unrealisedPnl(lastPrice);
        }
    }

    private final BotDao bots;
    private final BotOrders orders;
    private final CandleFeed feed;
    private final CandleHistory history;

    BotMarks(BotDao bots, BotOrders orders, CandleFeed feed, CandleHistory history) {
        this.bots = bots;
        this.orders = orders;
        this.feed = feed;
        this.history = history;
    }

    /** Every bot of the user, running or not, oldest first. */
    public List<Marked> ofUser(UUID userId, Instant now) {
        return bots.ofUser(userId).stream().map(bot -> of(bot, now)).toList();
    }

    Marked of(Bot bot, Instant now) {
        BotPosition position = orders.position(bot.id());
        List<Kline> last = feed.of(bot.userId()).before(bot.symbol(), bot.candleInterval(), now, 1);
        return new Marked(bot.id(), bot.accountId(), bot.name(), bot.symbol(), bot.status(),
                history.rules(bot.userId(), bot.symbol()).quoteAsset(), position, last.isEmpty() ? null : last.get(0).close());
    }
}
