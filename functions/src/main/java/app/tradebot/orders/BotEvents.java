package app.tradebot.orders;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.notify.EventType;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bot's event log (bot_events): the order path writes its events here, and the bots feature its own.
 * An event a user is told of ({@link BotEventType#notice()}: started, stopped, filled, rejected, a risk
 * limit) is handed to the notifications in the same transaction, with the bot, the message and the details
 * as its payload (a stop's details carry its {@code reason}: user, risk or error).
 */
public class BotEvents {

    /** {@code Notifications::emit}: queues a notification in the caller's transaction. */
    @FunctionalInterface
    interface Notices {
        int emit(Handle handle, UUID userId, EventType type, Object payload);
    }

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final JsonMapper json;
    private final Clock clock;
    private final Notices notices;

    BotEvents(Jdbi jdbi, JsonMapper json, Clock clock, Notices notices) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.notices = notices;
    }

    /** An event log that tells no one: the order path's own tests. */
    BotEvents(Jdbi jdbi, JsonMapper json, Clock clock) {
        this(jdbi, json, clock, (handle, userId, type, payload) -> 0);
    }

    /** Appends an event in the caller's transaction. */
    public void record(Handle handle, UUID botId, UUID userId, BotEventType type, String message, Map<String, Object> details) {
        handle.createUpdate("""
                        insert into bot_events (id, bot_id, user_id, type, message, details, at)
                        values (:id, :botId, :userId, :type, :message, cast(:details as jsonb), :at)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("botId", botId)
                .bind("userId", userId)
                .bind("type", type)
                .bind("message", message)
                .bind("details", json.writeValueAsString(details == null ? Map.of() : details))
                .bind("at", clock.instant())
                .execute();
        Optional<EventType> notice = type.notice();
        if (notice.isPresent()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("botId", botId.toString());
            payload.put("message", message);
            if (details != null) {
                details.forEach(payload::putIfAbsent);
            }
            notices.emit(handle, userId, notice.get(), payload);
        }
    }

    /** The bot's events oldest first, {@code limit} after {@code cursor} (null: from the first). */
    public Page<BotEventView> page(UUID botId, String cursor, int limit) {
        long after = Cursors.after(cursor);
        record Row(long seq, UUID id, BotEventType type, String message, String details, java.time.Instant at) {
        }
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("""
                        select seq, id, type, message, details::text as details, at from bot_events
                        where bot_id = :botId and seq > :after order by seq limit :limit
                        """)
                .bind("botId", botId)
                .bind("after", after)
                .bind("limit", limit + 1)
                .map((rs, ctx) -> new Row(rs.getLong("seq"), rs.getObject("id", UUID.class),
                        BotEventType.valueOf(rs.getString("type")), rs.getString("message"), rs.getString("details"),
                        rs.getTimestamp("at").toInstant()))
                .list());
        List<Row> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        List<BotEventView> items = shown.stream()
                .map(r -> new BotEventView(r.id(), r.type(), r.message(), json.readValue(r.details(), DETAILS), r.at()))
                .toList();
        return new Page<>(items, rows.size() > limit ? Long.toString(shown.get(shown.size() - 1).seq()) : null);
    }
}
