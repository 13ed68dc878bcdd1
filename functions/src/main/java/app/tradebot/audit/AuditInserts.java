package app.tradebot.audit;

import java.util.Arrays;

import app.tradebot.platform.persistence.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the audit events that the worker's concurrent consumers of audit-events hand it at the same
 * time in one batch, one transaction and one commit ({@link GroupCommit}). Each caller returns only once
 * its own event is committed, so its message is acknowledged after the row exists, as with one insert per
 * message. When a batch fails, each of its callers stores its event alone, so a failure belongs to its own
 * message (retried, dead-lettered) and never to its neighbours'. An event already stored (a redelivery) is
 * skipped, by its id.
 */
final class AuditInserts {

    private static final Logger log = LoggerFactory.getLogger(AuditInserts.class);

    private final GroupCommit<AuditEvent, Integer> commit;

    AuditInserts(AuditEvents events) {
        this.commit = new GroupCommit<>(batch -> Arrays.stream(events.insertAll(batch)).boxed().toList(), events::insert);
    }

    void insert(AuditEvent event) {
        if (commit.write(event) == 0) {
            log.debug("Audit event {} was already recorded", event.id());
        }
    }
}
