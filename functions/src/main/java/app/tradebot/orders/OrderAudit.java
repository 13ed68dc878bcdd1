package app.tradebot.orders;

import java.time.Clock;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.runtime.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The audit events of the order path: every order sent, cancelled or resolved, with its user and the
 * request (or job run) it came from. The audit trail being down never stops an order: the event is
 * logged instead.
 */
class OrderAudit {

    static final String SENT = "order_sent";
    static final String CANCELLED = "order_cancelled";
    static final String RESOLVED = "order_resolved";

    private static final Logger log = LoggerFactory.getLogger(OrderAudit.class);

    private final AuditTrail trail;
    private final Clock clock;

    OrderAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    void record(UUID userId, String type, BotOrder order, String outcome) {
        String requestId = MDC.get(RequestIds.MDC_KEY);
        String detail = order.clientOrderId() + " " + order.side() + " " + order.symbol() + ": " + outcome;
        try {
            trail.record(new AuditEvent(UUID.randomUUID(), userId, type, null, null, clock.instant(), requestId, detail));
        } catch (RuntimeException e) {
            log.warn("Audit event {} of order {} (request {}) not recorded: {}", type, order.clientOrderId(), requestId,
                    e.getMessage());
        }
    }
}
