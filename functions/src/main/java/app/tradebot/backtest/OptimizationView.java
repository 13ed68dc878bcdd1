package app.tradebot.backtest;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /api/optimizations/{id}}: the job and, once it succeeded, its ranked runs. */
record OptimizationView(UUID id, String status, int progress, String error, OptimizationRequest request,
        Instant createdAt, Instant startedAt, Instant finishedAt, OptimizationReport result) {
}
