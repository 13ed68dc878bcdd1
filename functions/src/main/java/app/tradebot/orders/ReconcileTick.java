package app.tradebot.orders;

import java.time.Instant;
import java.util.UUID;

/**
 * reconcileOrders' input: the schedule's {@code {"job":"reconcileOrders","scheduledTime":"…"}} (every
 * account with unresolved orders), or a send's trigger naming one {@code accountId}.
 */
record ReconcileTick(String job, Instant scheduledTime, UUID accountId) {
}
