package app.tradebot.audit;

import java.time.Instant;
import java.util.UUID;

/** Something a user did that we keep a trace of: the message on queue {@code audit-events}. */
public record AuditEvent(UUID id, UUID userId, String type, String ip, String userAgent, Instant at) {
}
