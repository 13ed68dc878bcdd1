package app.tradebot.bots;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.Side;
import app.tradebot.market.CandleFeed;
import app.tradebot.orders.BotOrder;
import app.tradebot.orders.BotOrderStatus;
import app.tradebot.orders.BotOrders;
import app.tradebot.orders.BotRef;
import app.tradebot.orders.Fence;
import app.tradebot.platform.http.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a stop (by its user, the kill switch or a risk limit): the bot's open orders cancelled and,
 * when asked, its position sold at market, through the exactly-once order path. The orders are sent under a
 * fence that holds while the bot stays stopped, so a start racing the stop cannot send twice. A replay bot
 * does the same on its replay, resumed at the open of the candle after its cursor: its orders are cancelled
 * and its position sold there, as the replay would have sold it.
 */
final class BotSettlement {

    private static final Logger log = LoggerFactory.getLogger(BotSettlement.class);

    private final BotOrders orders;
    private final BotExchanges exchanges;
    private final BotViews views;
    private final CandleFeed feed;
    private final Clock clock;

    BotSettlement(BotOrders orders, BotExchanges exchanges, BotViews views, CandleFeed feed, Clock clock) {
        this.orders = orders;
        this.exchanges = exchanges;
        this.views = views;
        this.feed = feed;
        this.clock = clock;
    }

    /**
     * {@code flattenOrderId} is the sell's order (null when nothing was sold: not asked, or only dust held);
     * {@code error} what could not be done (the bot stays stopped; its events say more).
     */
    record Settled(int cancelledOrders, UUID flattenOrderId, String error) {

        static final Settled NOTHING = new Settled(0, null, null);
    }

    /** Settles a stopped bot through its account's exchange, or a replay bot through its resumed replay. */
    Settled settle(Bot bot, BotRisk risk, boolean cancel, boolean flatten) {
        if (!cancel && !flatten) {
            return Settled.NOTHING;
        }
        Exchange exchange;
        try {
            exchange = bot.isReplay() ? resumed(views.find(bot.id(), bot.userId())) : exchanges.live(bot);
        }
        catch (NotFound | AccountExchanges.UnreadableSecrets e) {
            return new Settled(0, null, "its exchange account cannot be used: " + e.getMessage());
        }
        return settle(bot, risk, exchange, cancel, flatten);
    }

    /** Settles a stopped bot through {@code exchange} (a replay's, for a replay stopped by a risk limit). */
    Settled settle(Bot bot, BotRisk risk, Exchange exchange, boolean cancel, boolean flatten) {
        BotRef ref = new BotRef(bot.id(), bot.userId(), bot.accountId(), bot.symbol(), Bot.maxSignalAge(risk),
                bot.isReplay());
        Fence stopped = Fence.of(0, handle -> handle.createQuery(
                        "select 1 from bots where id = :id and status = 'stopped' for share")
                .bind("id", bot.id()).mapTo(Integer.class).findOne().isPresent());
        int cancelled = 0;
        try {
            if (cancel) {
                cancelled = orders.cancelOpen(ref, stopped, exchange).size();
            }
            UUID sold = null;
            String error = null;
            if (flatten) {
                List<BotOrder> sent = orders.flatten(ref, stopped, exchange, clock.instant());
                BotOrder sell = sent.stream().filter(o -> o.side() == Side.SELL && "flatten".equals(o.reason())).reduce((a, b) -> b)
                        .orElse(null);
                if (sell == null) {
                    error = "the position could not be sold yet: an earlier order's fate is unknown";
                }
                else if (sell.status() == BotOrderStatus.REJECTED && sell.rejectCode() != null && sell.rejectCode() != 0) {
                    sold = sell.id();
                    error = "the exchange refused the sell (" + sell.rejectCode() + "): " + sell.rejectMessage();
                }
                else if (sell.status() != BotOrderStatus.REJECTED) {
                    sold = sell.id();
                }
            }
            return new Settled(cancelled, sold, error);
        }
        catch (ExchangeException e) {
            // the bot is stopped; what could not be done is in its events and its open orders
            log.warn("Bot {} stopped, but its orders could not all be settled: {}", bot.id(), e.getMessage());
            return new Settled(cancelled, null, "the exchange failed: " + e.getMessage());
        }
    }

    /**
     * The replay's exchange at the open of the candle after the stopped bot's cursor (read after the stop:
     * a run still going can no longer move it). Past the range's end there is no price to sell at.
     */
    private Exchange resumed(Bot bot) {
        BotExchanges.Replay replay = exchanges.replay(bot);
        Instant after = bot.lastCandle() == null ? bot.replayFrom() : bot.candleInterval().next(bot.lastCandle());
        List<Kline> next = bot.candles(feed).range(bot.symbol(), bot.candleInterval(), after, bot.replayTo(), 1);
        if (!next.isEmpty()) {
            replay.openAt().accept(next.get(0));
        }
        return replay.exchange();
    }
}
