package app.tradebot.bots;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.orders.BotOrders;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stopAllBots}, the kill switch: every running bot of the caller stops (each a {@code bot.stopped}
 * with reason user), and every bot of theirs has its open orders cancelled and, with {@code flatten}, its
 * position sold, through the same order path as {@code stopBot}. One bot that cannot be settled (its exchange
 * down) does not keep the others from being settled; its outcome says what failed. The switch itself is an
 * audit event with the request id.
 */
final class StopAllBots implements ApiHandler<StopAllBotsRequest, StopAllBotsResult> {

    static final String AUDIT_KILL_SWITCH = "BOTS_KILL_SWITCH";
    static final String DETAIL = "kill switch";

    private static final Logger log = LoggerFactory.getLogger(StopAllBots.class);

    private final BotDao bots;
    private final BotViews views;
    private final BotLifecycle lifecycle;
    private final Jobs jobs;
    private final BotOrders orders;
    private final BotSettlement settlement;
    private final AuditTrail audit;
    private final Clock clock;

    StopAllBots(BotDao bots, BotViews views, BotLifecycle lifecycle, Jobs jobs, BotOrders orders, BotSettlement settlement,
            AuditTrail audit, Clock clock) {
        this.bots = bots;
        this.views = views;
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.orders = orders;
        this.settlement = settlement;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public StopAllBotsResult handle(StopAllBotsRequest body, ApiRequest request) {
        UUID userId = request.userId();
        boolean flatten = body.flatten();
        List<StopAllBotsResult.BotOutcome> outcomes = new ArrayList<>();
        int stoppedCount = 0;
        for (Bot bot : bots.ofUser(userId)) {
            boolean stopped = bot.status() == BotStatus.running && lifecycle.stop(bot.id(), userId,
                    BotLifecycle.Stop.byUser(DETAIL), request.requestId(), request.clientIp(), request.userAgent());
            if (stopped) {
                jobs.revoke(BotsFunctions.BOT_RUNS, bot.id());
                stoppedCount++;
            }
            else if (bot.status() != BotStatus.running && !leftSomething(bot, flatten)) {
                continue;
            }
            BotSettlement.Settled settled;
            try {
                settled = settlement.settle(bot, views.risk(bot), true, flatten);
            }
            catch (RuntimeException e) {
                log.warn("Kill switch: bot {} stopped but not settled", bot.id(), e);
                settled = new BotSettlement.Settled(0, null, "its orders could not be settled: " + e.getMessage());
            }
            outcomes.add(new StopAllBotsResult.BotOutcome(bot.id(), bot.name(), stopped, settled.cancelledOrders(),
                    settled.flattenOrderId(), settled.error()));
        }
        audit.record(new AuditEvent(UUID.randomUUID(), userId, AUDIT_KILL_SWITCH, request.clientIp(), request.userAgent(),
                clock.instant(), request.requestId(), "stopped " + stoppedCount + " bots, settled " + outcomes.size()
                        + (flatten ? ", flattening" : ", not flattening")));
        return new StopAllBotsResult(outcomes);
    }

    /** A stopped live bot the switch still has work on: open orders, or a position to sell. */
    private boolean leftSomething(Bot bot, boolean flatten) {
        return !bot.isReplay() && (orders.openOrderCount(bot.id()) > 0 || (flatten && !orders.position(bot.id()).flat()));
    }
}
