package app.tradebot.audit;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the audit events that the worker's concurrent consumers of audit-events hand it at the same
 * time in one batch, one transaction and one commit (a group commit): a consumer whose event arrives
 * while another one's batch is being written waits, then writes what gathered meanwhile, its own event
 * with it. Each caller returns only once its own event is committed, so its message is acknowledged
 * after the row exists, as with one insert per message. When a batch fails, each of its callers stores
 * its event alone, so a failure belongs to its own message (retried, dead-lettered) and never to its
 * neighbours'. An event already stored (a redelivery) is skipped, by its id.
 */
final class AuditInserts {

    private static final Logger log = LoggerFactory.getLogger(AuditInserts.class);

    private final AuditEvents events;
    private final Object lock = new Object();
    private List<Waiting> queued = new ArrayList<>();
    private boolean writing;

    AuditInserts(AuditEvents events) {
        this.events = events;
    }

    void insert(AuditEvent event) {
        Waiting mine = new Waiting(event);
        List<Waiting> batch = null;
        synchronized (lock) {
            queued.add(mine);
            // Until another caller's batch stored this event, or this caller may write one itself.
            while (mine.state == State.QUEUED && batch == null) {
                if (writing) {
                    try {
                        lock.wait();
                    }
                    catch (InterruptedException e) {
                        // Still queued: a writer stores it, but this caller cannot wait for that; the message
                        // goes back to the broker, and its redelivery finds the row or stores it.
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted waiting for audit event " + event.id() + " to be stored", e);
                    }
                }
                else {
                    writing = true;
                    batch = queued;
                    queued = new ArrayList<>();
                }
            }
        }
        if (batch != null) {
            write(batch);
        }
        if (mine.state == State.ALONE) {
            store(event);
        }
    }

    /** Writes a batch (this caller's event among them) and wakes its callers. */
    private void write(List<Waiting> batch) {
        State outcome;
        try {
            int[] inserted = events.insertAll(batch.stream().map(Waiting::event).toList());
            outcome = State.STORED;
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == 0) {
                    log.debug("Audit event {} was already recorded", batch.get(i).event().id());
                }
            }
        }
        catch (RuntimeException e) {
            outcome = State.ALONE;
            log.debug("A batch of {} audit events failed ({}); each is stored alone", batch.size(), e.toString());
        }
        synchronized (lock) {
            for (Waiting waiting : batch) {
                waiting.state = outcome;
            }
            writing = false;
            lock.notifyAll();
        }
    }

    private void store(AuditEvent event) {
        if (events.insert(event) == 0) {
            log.debug("Audit event {} was already recorded", event.id());
        }
    }

    private enum State { QUEUED, STORED, ALONE }

    private static final class Waiting {

        private final AuditEvent event;
        /** Guarded by the lock. */
        private State state = State.QUEUED;

        Waiting(AuditEvent event) {
            this.event = event;
        }

        AuditEvent event() {
            return event;
        }
    }
}
