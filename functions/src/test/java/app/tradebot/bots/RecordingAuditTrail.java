package app.tradebot.bots;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;

/** Keeps the audit events the bot functions record, in place of the RabbitMQ trail. */
@TestComponent
@Primary
class RecordingAuditTrail implements AuditTrail {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    List<AuditEvent> events() {
        return List.copyOf(events);
    }

    void clear() {
        events.clear();
    }
}
