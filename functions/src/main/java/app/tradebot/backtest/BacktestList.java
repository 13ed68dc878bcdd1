package app.tradebot.backtest;

import app.tradebot.platform.jobs.JobStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/backtests}: the user's newest backtests, with the metrics of those that succeeded. */
record BacktestList(List<Summary> backtests) {

    record Summary(UUID id, JobStatus status, int progress, String error, String symbol, String interval, String strategy,
            Instant from, Instant to, Instant createdAt, Instant finishedAt, BacktestReport.MetricsView metrics) {
    }
}
