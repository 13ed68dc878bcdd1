package app.tradebot.notify;

import java.time.Instant;
import java.util.UUID;

/** A row of notification_deliveries: one event for one channel, with the body sent on every attempt. */
record Delivery(UUID id, UUID channelId, String eventType, String body, DeliveryStatus status, int attempts,
        Instant nextAttemptAt, Instant giveUpAt, Integer lastStatusCode, String lastError, Instant createdAt,
        Instant finishedAt) {
}
