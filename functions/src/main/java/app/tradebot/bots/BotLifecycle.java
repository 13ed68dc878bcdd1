package app.tradebot.bots;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.orders.BotEventType;
import app.tradebot.orders.BotEvents;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting and stopping a bot, by its user or by itself: the status change, the bot's event and an audit
 * event with the user and the request id (the API request's, or the run's for a bot that stopped itself).
 */
final class BotLifecycle {

    static final String AUDIT_STARTED = "BOT_STARTED";
    static final String AUDIT_STOPPED = "BOT_STOPPED";

    private static final Logger log = LoggerFactory.getLogger(BotLifecycle.class);

    private final Jdbi jdbi;
    private final BotEvents events;
    private final AuditTrail audit;
    private final Clock clock;

    BotLifecycle(Jdbi jdbi, BotEvents events, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    void started(Bot bot, String requestId, String ip, String userAgent) {
        jdbi.useTransaction(handle -> events.record(handle, bot.id(), bot.userId(), BotEventType.BOT_STARTED,
                bot.isReplay() ? "Replay started over " + bot.replayFrom() + " – " + bot.replayTo() : "Bot started",
                Map.of()));
        record(bot.userId(), AUDIT_STARTED, bot.id(), requestId, ip, userAgent);
    }

    /**
     * Stops a running bot; false when it was not running (stopped already by someone else). {@code reason}
     * is null for a stop by its user; an {@code error} reason is kept as the bot's last error.
     */
    boolean stop(UUID botId, UUID userId, String reason, boolean error, String requestId, String ip, String userAgent) {
        Instant at = clock.instant();
        Boolean stopped = jdbi.inTransaction(handle -> {
            if (handle.attach(BotDao.class).stop(botId, at, error ? reason : null) == 0) {
                return false;
            }
            events.record(handle, botId, userId, BotEventType.BOT_STOPPED,
                    reason == null ? "Bot stopped by its user" : "Bot stopped: " + reason,
                    reason == null ? Map.of() : Map.of("reason", reason));
            return true;
        });
        if (stopped) {
            record(userId, AUDIT_STOPPED, botId, requestId, ip, userAgent);
        }
        return stopped;
    }

    private void record(UUID userId, String type, UUID botId, String requestId, String ip, String userAgent) {
        try {
            audit.record(new AuditEvent(UUID.randomUUID(), userId, type, ip, userAgent, clock.instant(), requestId,
                    "bot " + botId));
        }
        catch (RuntimeException e) {
            // the bot's own event log has it; the audit trail's outage must not undo a stop
            log.warn("Audit event {} of bot {} not recorded: {}", type, botId, e.getMessage());
        }
    }
}
