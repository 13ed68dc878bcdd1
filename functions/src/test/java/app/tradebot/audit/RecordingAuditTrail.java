package app.tradebot.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jdbi.v3.core.Handle;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;

/** Keeps the audit events the functions record, in place of the outbox trail (after commit, like it). */
@TestComponent
@Primary
public class RecordingAuditTrail implements AuditTrail {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public void record(Handle transaction, AuditEvent event) {
        transaction.afterCommit(() -> events.add(event));
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }
}
