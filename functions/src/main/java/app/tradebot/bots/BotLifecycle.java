package app.tradebot.bots;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.notify.StopReason;
import app.tradebot.orders.BotEventType;
import app.tradebot.orders.BotEvents;
import app.tradebot.quotas.Quota;
import app.tradebot.quotas.Quotas;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Starting and stopping a bot, by its user, by a risk limit or by itself: in one transaction the status
 * change, the bot's events (which notify the user: {@code bot.started}, {@code bot.stopped} with its reason,
 * {@code risk.limit_reached}) and an audit event with the user and the request id (the API request's, or the
 * run's for a bot that stopped itself). A start takes a place of the user's running-bots quota.
 */
final class BotLifecycle {

    static final String AUDIT_STARTED = "BOT_STARTED";
    static final String AUDIT_STOPPED = "BOT_STOPPED";
    static final String AUDIT_RISK_STOPPED = "BOT_RISK_STOPPED";

    private final Jdbi jdbi;
    private final BotEvents events;
    private final AuditTrail audit;
    private final Quotas quotas;
    private final Clock clock;

    BotLifecycle(Jdbi jdbi, BotEvents events, AuditTrail audit, Quotas quotas, Clock clock) {
        this.jdbi = jdbi;
        this.events = events;
        this.audit = audit;
        this.quotas = quotas;
        this.clock = clock;
    }

    /** Why a bot stops: {@code detail} says it in words (null for a plain stop by its user). */
    record Stop(StopReason reason, String detail, Map<String, Object> limit) {

        static Stop byUser(String detail) {
            return new Stop(StopReason.USER, detail, null);
        }

        static Stop error(String detail) {
            return new Stop(StopReason.ERROR, detail, null);
        }

        /** A loss limit reached: {@code limit} describes it (which limit, its value, the loss). */
        static Stop risk(String detail, Map<String, Object> limit) {
            return new Stop(StopReason.RISK, detail, limit);
        }
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Starts a stopped bot of the user; empty when it is running already.
     *
     * @throws app.tradebot.quotas.QuotaExceeded when the user runs as many bots as the quota allows
     */
    Optional<Bot> start(UUID botId, UUID userId, String requestId, String ip, String userAgent) {
        return jdbi.inTransaction(handle -> {
            BotDao bots = handle.attach(BotDao.class);
            quotas.require(handle, userId, Quota.RUNNING_BOTS, () -> bots.countRunning(userId));
            Optional<Bot> started = bots.start(botId, userId, clock.instant());
            started.ifPresent(bot -> {
                events.record(handle, bot.id(), bot.userId(), BotEventType.BOT_STARTED,
                        bot.isReplay() ? "Replay started over " + bot.replayFrom() + " – " + bot.replayTo() : "Bot started",
                        Map.of());
                record(handle, bot.userId(), AUDIT_STARTED, "bot " + bot.id(), requestId, ip, userAgent);
            });
            return started;
        });
    }

    /** Stops a running bot; false when it was not running (stopped already by someone else). */
    boolean stop(UUID botId, UUID userId, Stop stop, String requestId, String ip, String userAgent) {
        return stop(botId, userId, stop, requestId, ip, userAgent, handle -> {
        });
    }

    /**
     * Stops a running bot and, in the same transaction, does {@code then} (only when this call stopped it);
     * false when it was not running (stopped already by someone else).
     */
    boolean stop(UUID botId, UUID userId, Stop stop, String requestId, String ip, String userAgent,
            Consumer<Handle> then) {
        Instant at = clock.instant();
        return jdbi.inTransaction(handle -> {
            String lastError = stop.reason() == StopReason.USER ? null : stop.detail();
            if (handle.attach(BotDao.class).stop(botId, at, lastError) == 0) {
                return false;
            }
            if (stop.reason() == StopReason.RISK) {
                Map<String, Object> limit = stop.limit() == null ? Map.of() : stop.limit();
                events.record(handle, botId, userId, BotEventType.RISK_LIMIT_REACHED, "Risk limit reached: " + stop.detail(),
                        limit);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", stop.reason().wire());
            if (stop.detail() != null) {
                details.put("detail", stop.detail());
            }
            events.record(handle, botId, userId, BotEventType.BOT_STOPPED,
                    stop.detail() == null ? "Bot stopped by its user" : "Bot stopped: " + stop.detail(), details);
            record(handle, userId, stop.reason() == StopReason.RISK ? AUDIT_RISK_STOPPED : AUDIT_STOPPED,
                    "bot " + botId + (stop.detail() == null ? "" : ": " + stop.detail()), requestId, ip, userAgent);
            then.accept(handle);
            return true;
        });
    }

    /** An audit event kept exactly when the change it records is. */
    void record(Handle handle, UUID userId, String type, String detail, String requestId, String ip, String userAgent) {
        audit.record(handle, new AuditEvent(UUID.randomUUID(), userId, type, ip, userAgent, clock.instant(), requestId,
                detail));
    }
}
