package app.tradebot.audit;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit_events table. */
interface AuditEvents {

    /** Returns 0 when the event was already recorded (a redelivery). */
    @SqlUpdate("""
            insert into audit_events (id, user_id, type, ip, user_agent, at, request_id, detail)
            values (:id, :userId, :type, :ip, :userAgent, :at, :requestId, :detail)
            on conflict (id) do nothing
            """)
    int insert(@BindMethods AuditEvent event);

    /** As {@link #insert} for many events, in one transaction and one round trip; 0 for each already recorded. */
    @SqlBatch("""
            insert into audit_events (id, user_id, type, ip, user_agent, at, request_id, detail)
            values (:id, :userId, :type, :ip, :userAgent, :at, :requestId, :detail)
            on conflict (id) do nothing
            """)
    int[] insertAll(@BindMethods List<AuditEvent> events);

    @SqlUpdate("delete from audit_events where at < :cutoff")
    int deleteOlderThan(@Bind("cutoff") Instant cutoff);
}
