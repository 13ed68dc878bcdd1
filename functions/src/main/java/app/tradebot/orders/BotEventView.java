package app.tradebot.orders;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One entry of a bot's event log. */
public record BotEventView(UUID id, BotEventType type, String message, Map<String, Object> details, Instant at) {
}
