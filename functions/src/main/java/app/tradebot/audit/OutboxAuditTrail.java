package app.tradebot.audit;

import app.tradebot.platform.messaging.Outbox;
import org.jdbi.v3.core.Handle;

import org.springframework.stereotype.Component;

/**
 * Hands audit events to recordAuditEvent's queue (audit-events) through the outbox: the event is
 * a row in PostgreSQL before the caller answers, so a RabbitMQ outage neither fails a sign-in nor
 * loses its trace; the relay delivers it when the broker is back.
 */
@Component
class OutboxAuditTrail implements AuditTrail {

    static final String FUNCTION = "recordAuditEvent";

    private final Outbox outbox;

    OutboxAuditTrail(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void record(AuditEvent event) {
        outbox.publish(FUNCTION, event);
    }

    @Override
    public void record(Handle transaction, AuditEvent event) {
        outbox.publish(transaction, FUNCTION, event);
    }
}
