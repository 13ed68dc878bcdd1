package app.tradebot.bots;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Kline;
import app.tradebot.market.CandleFeed;
import app.tradebot.orders.BotOrders;
import app.tradebot.orders.BotRef;
import app.tradebot.orders.Fence;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stopBot}: the bot stops, the run that may hold it is fenced out, then (by default) its open orders
 * are cancelled and (when asked) its position is sold at market, through the order path. The orders are
 * sent under a fence that holds while the bot stays stopped, so a start racing the stop cannot send twice.
 * A replay bot does the same on its replay, resumed at the open of the candle after its cursor: its orders
 * are cancelled and its position sold there, as the replay would have sold it.
 */
final class StopBot implements ApiHandler<StopBotRequest, BotView> {

    private static final Logger log = LoggerFactory.getLogger(StopBot.class);

    private final BotViews views;
    private final BotLifecycle lifecycle;
    private final Jobs jobs;
    private final BotOrders orders;
    private final BotExchanges exchanges;
    private final CandleFeed feed;
    private final Clock clock;

    StopBot(BotViews views, BotLifecycle lifecycle, Jobs jobs, BotOrders orders, BotExchanges exchanges, CandleFeed feed,
            Clock clock) {
        this.views = views;
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.orders = orders;
        this.exchanges = exchanges;
        this.feed = feed;
        this.clock = clock;
    }

    @Override
    public BotView handle(StopBotRequest body, ApiRequest request) {
        UUID userId = request.userId();
        Bot bot = views.find(request.pathId("id"), userId);
        if (bot.status() != BotStatus.running
                || !lifecycle.stop(bot.id(), userId, null, false, request.requestId(), request.clientIp(), request.userAgent())) {
            throw new Conflict("The bot is stopped already.");
        }
        jobs.revoke(BotsFunctions.BOT_RUNS, bot.id());
        if (body.cancels() || body.flattens()) {
            BotRef ref = new BotRef(bot.id(), userId, bot.accountId(), bot.symbol(), Bot.maxSignalAge(views.risk(bot)));
            Fence stopped = Fence.of(0, handle -> handle.createQuery(
                            "select 1 from bots where id = :id and status = 'stopped' for share")
                    .bind("id", bot.id()).mapTo(Integer.class).findOne().isPresent());
            try {
                Exchange exchange = bot.isReplay() ? resumed(views.find(bot.id(), userId)) : exchanges.live(bot);
                if (body.cancels()) {
                    orders.cancelOpen(ref, stopped, exchange);
                }
                if (body.flattens()) {
                    orders.flatten(ref, stopped, exchange, clock.instant());
                }
            }
            catch (ExchangeException e) {
                // the bot is stopped; what could not be done is in its events and the answer's open orders
                log.warn("Bot {} stopped, but its orders could not all be settled: {}", bot.id(), e.getMessage());
            }
        }
        return views.view(views.find(bot.id(), userId), clock.instant());
    }

    /**
     * The replay's exchange at the open of the candle after the stopped bot's cursor (read after the stop:
     * a run still going can no longer move it). Past the range's end there is no price to sell at.
     */
    private Exchange resumed(Bot bot) {
        BotExchanges.Replay replay = exchanges.replay(bot);
        Instant after = bot.lastCandle() == null ? bot.replayFrom() : bot.candleInterval().next(bot.lastCandle());
        List<Kline> next = feed.range(bot.symbol(), bot.candleInterval(), after, bot.replayTo(), 1);
        if (!next.isEmpty()) {
            replay.openAt().accept(next.get(0));
        }
        return replay.exchange();
    }
}
