package app.tradebot.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Something a user did, or that was done on their behalf, that we keep a trace of: the message on
 * queue {@code audit-events}. {@code id} is chosen by the publisher and is the row's key, so a
 * redelivered event is stored once. {@code userId} is null when no user is known (a failed sign-in
 * with an unknown email). {@code requestId} is the API request's (or job run's) id when there is one,
 * {@code detail} what the event concerns (an order's client order id and outcome).
 */
public record AuditEvent(@NotNull UUID id, UUID userId, @NotBlank String type, String ip, String userAgent,
        @NotNull Instant at, String requestId, String detail) {

    public AuditEvent(UUID id, UUID userId, String type, String ip, String userAgent, Instant at) {
        this(id, userId, type, ip, userAgent, at, null, null);
    }
}
