package app.tradebot.backtest;

import java.util.LinkedHashMap;
import java.util.Map;

import app.tradebot.notify.EventType;
import app.tradebot.notify.Notifications;
import org.jdbi.v3.core.Jdbi;

import org.springframework.stereotype.Component;

/**
 * A finished run's result and the user's notification, in one transaction: the event is sent exactly
 * when the result is stored, never for a run that was cancelled meanwhile.
 */
@Component
class JobCompletion {

    private final Jdbi jdbi;
    private final Notifications notifications;

    JobCompletion(Jdbi jdbi, Notifications notifications) {
        this.jdbi = jdbi;
        this.notifications = notifications;
    }

    /** 0 when the job is no longer running: nothing was stored and nobody is told. */
    int succeed(String table, JobRow job, String result, Map<String, Object> summary) {
        EventType type = JobDao.BACKTESTS.equals(table) ? EventType.BACKTEST_COMPLETED : EventType.OPTIMIZATION_COMPLETED;
        String idField = JobDao.BACKTESTS.equals(table) ? "backtestId" : "optimizationId";
        return jdbi.inTransaction(handle -> {
            int stored = handle.attach(JobDao.class).succeed(table, job.id(), result);
            if (stored > 0) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put(idField, job.id());
                payload.putAll(summary);
                notifications.emit(handle, job.userId(), type, payload);
            }
            return stored;
        });
    }
}
