package app.tradebot.audit;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit_events table. */
interface AuditEvents {

    /** Also run as a plain statement by {@link AuditInserts}, the worker's path for every event. */
    String INSERT = """
            insert into audit_events (id, user_id, type, ip, user_agent, at, request_id, detail)
            values (:id, :userId, :type, :ip, :userAgent, :at, :requestId, :detail)
            on conflict (id) do nothing
            """;

    /** Returns 0 when the event was already recorded (a redelivery). */
    @SqlUpdate(INSERT)
    int insert(@BindMethods AuditEvent event);

    /** As {@link #insert} for many events, in one transaction and one round trip; 0 for each already recorded. */
    @SqlBatch(INSERT)
    int[] insertAll(@BindMethods List<AuditEvent> events);

    @SqlUpdate("delete from audit_events where at < :cutoff")
    int deleteOlderThan(@Bind("cutoff") Instant cutoff);
}
