package app.tradebot.audit;

/** Where features hand their audit events; delivered through RabbitMQ to {@code recordAuditEvent}. */
public interface AuditTrail {

    void record(AuditEvent event);
}
