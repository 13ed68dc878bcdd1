package app.tradebot.backtest;

import app.tradebot.platform.jobs.JobStatus;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /api/backtests/{id}}: the job and, once it succeeded, its report. Progress is a percentage. */
record BacktestView(UUID id, JobStatus status, int progress, String error, BacktestRequest request, Instant createdAt,
        Instant startedAt, Instant finishedAt, BacktestReport result) {
}
