package app.tradebot.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import app.tradebot.platform.messaging.Outbox;
import org.jdbi.v3.core.Handle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How a feature tells a user something happened: one call, in the caller's transaction.
 *
 * <pre>{@code
 * jdbi.useTransaction(handle -> {
 *     ... the caller's own rows ...
 *     notifications.emit(handle, userId, EventType.BOT_STOPPED, Map.of("botId", id, "reason", StopReason.RISK));
 * });
 * }</pre>
 *
 * For each of the user's webhooks and Telegram channels subscribed to {@code type}, a delivery row and
 * its task are written through the {@link Outbox}, so they exist exactly when the caller's rows do and
 * are sent once the transaction commits. The caller never waits for a receiver. {@code payload} is
 * anything the application's JSON mapper writes as an object; it becomes the body's {@code data}.
 */
@Component
public class Notifications {

    private final Outbox outbox;
    private final JsonMapper json;
    private final NotifyProperties properties;
    private final Clock clock;

    Notifications(Outbox outbox, JsonMapper json, NotifyProperties properties, ObjectProvider<Clock> clock) {
        this.outbox = outbox;
        this.json = json;
        this.properties = properties;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** Queues {@code type} with {@code payload} for every channel of {@code userId} subscribed to it; returns how many. */
    public int emit(Handle handle, UUID userId, EventType type, Object payload) {
        JsonNode data = json.valueToTree(payload);
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException(type.wire() + ": the payload must be a JSON object");
        }
        if (type == EventType.BOT_STOPPED && Arrays.stream(StopReason.values())
                .noneMatch(reason -> reason.wire().equals(data.path("reason").asString("")))) {
            throw new IllegalArgumentException("bot.stopped: the payload must carry reason user, risk or error");
        }
        int queued = 0;
        for (Channel channel : handle.attach(ChannelDao.class).subscribed(userId, type.wire())) {
            queue(handle, channel, type, data);
            queued++;
        }
        return queued;
    }

    /** One delivery of {@code type} to {@code channel}, subscribed or not (a test notification). */
    UUID queue(Handle handle, Channel channel, EventType type, JsonNode data) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type.wire());
        body.put("createdAt", now.toString());
        body.put("data", data);
        handle.attach(DeliveryDao.class).insert(id, channel.id(), type.wire(), json.writeValueAsString(body), now,
                now.plus(properties.retryFor()));
        outbox.publish(handle, channel.kind().function(), new DeliveryTask(id));
        return id;
    }
}
