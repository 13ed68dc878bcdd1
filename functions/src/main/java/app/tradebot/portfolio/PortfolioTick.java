package app.tradebot.portfolio;

import java.time.Instant;
import java.util.UUID;

/**
 * snapshotEquity's and reconcileBalances' input: the schedule's
 * {@code {"job":"…","scheduledTime":"…"}} (every account), or a fill's trigger naming one {@code accountId}.
 */
record PortfolioTick(String job, Instant scheduledTime, UUID accountId) {
}
