package app.tradebot.backtest;

import java.time.Instant;
import java.util.UUID;

/** A row of backtests or optimizations; request and result are their JSON text. */
record JobRow(UUID id, UUID userId, String request, String status, int progress, String error, String result,
        Instant createdAt, Instant startedAt, Instant finishedAt, Instant heartbeatAt, int attempt) {

    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
}
