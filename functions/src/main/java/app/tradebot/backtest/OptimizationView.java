package app.tradebot.backtest;

import app.tradebot.platform.jobs.JobStatus;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /api/optimizations/{id}}: the job and, once it succeeded, its ranked runs. */
record OptimizationView(UUID id, JobStatus status, int progress, String error, OptimizationRequest request,
        Instant createdAt, Instant startedAt, Instant finishedAt, OptimizationReport result) {
}
