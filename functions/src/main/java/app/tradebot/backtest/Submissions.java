package app.tradebot.backtest;

import java.sql.SQLException;
import java.util.UUID;

import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.jobs.JobKind;
import app.tradebot.platform.jobs.JobStatus;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.quotas.Quota;
import app.tradebot.quotas.Quotas;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import org.springframework.stereotype.Component;

/**
 * Queues a checked backtest or optimisation within the user's quota of active jobs of its kind, and
 * says whether any queued or running job runs a user strategy. While one does, the job's row holds a
 * foreign key on the strategy (V28_1): deleting it is refused, and a strategy deleted between the
 * request's check and its storing makes the submission fail as an unknown strategy would.
 */
@Component
class Submissions {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Jobs jobs;
    private final Quotas quotas;
    private final Jdbi jdbi;

    Submissions(Jobs jobs, Quotas quotas, Jdbi jdbi) {
        this.jobs = jobs;
        this.quotas = quotas;
        this.jdbi = jdbi;
    }

    Submitted submit(JobKind kind, Quota quota, UUID userId, String checkedRequest) {
        UUID id = UUID.randomUUID();
        try {
            jobs.enqueue(kind, id, userId, checkedRequest,
                    handle -> quotas.require(handle, userId, quota, () -> jobs.active(handle, kind, userId)));
        }
        catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("user_strategy_fk")) {
                throw Invalid.field("strategy", "the strategy was deleted while the request was being checked");
            }
            throw e;
        }
        return new Submitted(id, JobStatus.queued);
    }

    /** Whether a queued or running backtest or optimisation runs the user strategy, any version. */
    boolean runStrategy(UUID strategyId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select exists (select 1 from backtests where user_strategy_id = :id)
                            or exists (select 1 from optimizations where user_strategy_id = :id)""")
                .bind("id", strategyId)
                .mapTo(Boolean.class)
                .one());
    }
}
