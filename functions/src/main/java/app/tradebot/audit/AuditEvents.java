package app.tradebot.audit;

import java.time.Instant;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit_events table; its inserts, the worker's path for every event, are {@link AuditInserts}' own. */
interface AuditEvents {

    @SqlUpdate("delete from audit_events where at < :cutoff")
    int deleteOlderThan(@Bind("cutoff") Instant cutoff);
}
