package app.tradebot.backtest;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /api/backtests/{id}}: the job and, once it succeeded, its report. Progress is a percentage. */
record BacktestView(UUID id, String status, int progress, String error, BacktestRequest request, Instant createdAt,
        Instant startedAt, Instant finishedAt, BacktestReport result) {
}
