package app.tradebot.backtest;

import java.util.LinkedHashMap;
import java.util.Map;

import app.tradebot.notify.EventType;
import app.tradebot.notify.Notifications;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.platform.jobs.Lease;

import org.springframework.stereotype.Component;

/**
 * A finished run's result and the user's notification, in one transaction: the event is sent exactly
 * when the result is stored, never for a run that was cancelled or lost its lease meanwhile.
 */
@Component
class JobCompletion {

    private final Jobs jobs;
    private final Notifications notifications;

    JobCompletion(Jobs jobs, Notifications notifications) {
        this.jobs = jobs;
        this.notifications = notifications;
    }

    /** False when the run no longer holds its job: nothing was stored and nobody is told. */
    boolean succeed(Lease lease, String result, Map<String, Object> summary) {
        boolean backtest = lease.kind().equals(BacktestFunctions.BACKTESTS);
        EventType type = backtest ? EventType.BACKTEST_COMPLETED : EventType.OPTIMIZATION_COMPLETED;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(backtest ? "backtestId" : "optimizationId", lease.id());
        payload.putAll(summary);
        return jobs.finish(lease, result, handle -> notifications.emit(handle, lease.job().userId(), type, payload));
    }
}
