package app.tradebot.audit;

import java.util.Arrays;
import java.util.List;

import app.tradebot.platform.persistence.GroupCommit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the events of one delivery ({@link #insertBatch}) in one JDBC batch and one transaction; a message
 * handled alone ({@link #insert}) is written with those that the worker's concurrent consumers of audit-events
 * hand it at the same time in one batch, one transaction and one commit ({@link GroupCommit}). Each caller returns only once
 * its own event is committed, so its message is acknowledged after the row exists, as with one insert per
 * message. When a batch fails, each of its callers stores its event alone, so a failure belongs to its own
 * message (retried, dead-lettered) and never to its neighbours'. An event already stored (a redelivery) is
 * skipped, by its id.
 *
 * <p>It runs its insert as a plain statement: an on-demand {@link AuditEvents} builds the
 * handlers of all the DAO's methods at every call, which cost as much as the insert on this path.
 */
final class AuditInserts {

    private static final Logger log = LoggerFactory.getLogger(AuditInserts.class);

    /** An event already recorded (a redelivery) is skipped: 0 rows. */
    private static final String INSERT = """
            insert into audit_events (id, user_id, type, ip, user_agent, at, request_id, detail)
            values (:id, :userId, :type, :ip, :userAgent, :at, :requestId, :detail)
            on conflict (id) do nothing
            """;

    private final Jdbi jdbi;
    private final GroupCommit<AuditEvent, Integer> commit;

    AuditInserts(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.commit = new GroupCommit<>(this::insertAll, this::insertOne);
    }

    void insert(AuditEvent event) {
        if (commit.write(event) == 0) {
            log.debug("Audit event {} was already recorded", event.id());
        }
    }

    /** Stores a delivery's events in one transaction; throws, storing none, when any of them fails. */
    void insertBatch(List<AuditEvent> events) {
        insertAll(events);
    }

    private int insertOne(AuditEvent event) {
        return jdbi.withHandle(handle -> bind(handle.createUpdate(INSERT), event).execute());
    }

    private List<Integer> insertAll(List<AuditEvent> events) {
        return jdbi.inTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(INSERT);
            events.forEach(event -> bind(batch, event).add());
            return Arrays.stream(batch.execute()).boxed().toList();
        });
    }

    private static <S extends SqlStatement<S>> S bind(S statement, AuditEvent event) {
        return statement.bind("id", event.id()).bind("userId", event.userId()).bind("type", event.type())
                .bind("ip", event.ip()).bind("userAgent", event.userAgent()).bind("at", event.at())
                .bind("requestId", event.requestId()).bind("detail", event.detail());
    }
}
