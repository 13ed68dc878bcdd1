package app.tradebot.platform.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of a job table: request and result are their JSON text. {@code attempt} counts claims and is
 * the fencing token of the current run.
 */
public record JobRow(UUID id, UUID userId, String request, JobStatus status, int progress, String error, String result,
        Instant createdAt, Instant startedAt, Instant finishedAt, Instant heartbeatAt, int attempt) {
}
