package app.tradebot.bots;

import java.time.Clock;
import java.util.UUID;

import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.jobs.Jobs;

/**
 * {@code stopBot}: the bot stops, the run that may hold it is fenced out, then (by default) its open orders
 * are cancelled and (when asked) its position is sold at market, through the order path
 * ({@link BotSettlement}); a replay bot's on its replay, resumed after its cursor.
 */
final class StopBot implements ApiHandler<StopBotRequest, BotView> {

    private final BotViews views;
    private final BotLifecycle lifecycle;
    private final Jobs jobs;
    private final BotSettlement settlement;
    private final Clock clock;

    StopBot(BotViews views, BotLifecycle lifecycle, Jobs jobs, BotSettlement settlement, Clock clock) {
        this.views = views;
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.settlement = settlement;
        this.clock = clock;
    }

    @Override
    public BotView handle(StopBotRequest body, ApiRequest request) {
        UUID userId = request.userId();
        Bot bot = views.find(request.pathId("id"), userId);
        if (bot.status() != BotStatus.running || !lifecycle.stop(bot.id(), userId, BotLifecycle.Stop.byUser(null),
                request.requestId(), request.clientIp(), request.userAgent())) {
            throw new Conflict("The bot is stopped already.");
        }
        jobs.revoke(BotsFunctions.BOT_RUNS, bot.id());
        settlement.settle(bot, views.risk(bot), body.cancels(), body.flattens());
        return views.view(views.find(bot.id(), userId), clock.instant());
    }
}
