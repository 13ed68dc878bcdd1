package app.tradebot.audit;

import app.tradebot.platform.messaging.ConfirmedPublisher;
import app.tradebot.platform.messaging.UnconfirmedPublish;

import org.springframework.stereotype.Component;

/**
 * Publishes audit events to recordAuditEvent's queue (audit-events) and waits for the broker's
 * publisher confirm. An audit trail that silently loses sign-ins is worse than a failed request:
 * a nack, an unroutable message or no confirm in time throws {@link AuditTrailUnavailable}.
 */
@Component
class RabbitAuditTrail implements AuditTrail {

    static final String FUNCTION = "recordAuditEvent";

    private final ConfirmedPublisher publisher;

    RabbitAuditTrail(ConfirmedPublisher publisher) {
        this.publisher = publisher;
        // A template without the audit queue stops start-up, not the first sign-in.
        publisher.queueOf(FUNCTION);
    }

    @Override
    public void record(AuditEvent event) {
        try {
            publisher.publish(FUNCTION, "audit event " + event.id(), event);
        }
        catch (UnconfirmedPublish e) {
            throw new AuditTrailUnavailable(e.getMessage(), e);
        }
    }
}
