package app.tradebot.platform.jobs;

import java.util.UUID;

/**
 * One claimed run of a job: it holds while the row is still {@code running} with this {@code fence}
 * (its attempt). A later claim (after the run went stale) raises the attempt, so every write of the
 * earlier run is refused from then on.
 */
public record Lease(JobKind kind, UUID id, int fence, JobRow job) {
}
