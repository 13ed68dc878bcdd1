package app.tradebot.audit;

import org.jdbi.v3.core.Handle;

/**
 * Where features hand their audit events; kept in the outbox (PostgreSQL) and delivered through
 * RabbitMQ to {@code recordAuditEvent}.
 */
public interface AuditTrail {

    /** In a transaction of its own, or the surrounding Spring transaction. */
    void record(AuditEvent event);

    /** In {@code transaction}: the event is kept exactly when the caller's rows are. */
    void record(Handle transaction, AuditEvent event);
}
