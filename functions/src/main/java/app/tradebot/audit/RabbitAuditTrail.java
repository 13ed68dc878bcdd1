package app.tradebot.audit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import app.tradebot.runtime.Template;

import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes audit events to recordAuditEvent's queue (audit-events) and waits for the broker's
 * publisher confirm. An audit trail that silently loses sign-ins is worse than a failed request:
 * a nack, an unroutable message or no confirm in time throws {@link AuditTrailUnavailable}.
 */
@Component
class RabbitAuditTrail implements AuditTrail {

    static final String FUNCTION = "recordAuditEvent";
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final StreamBridge streamBridge;
    private final String queue;

    RabbitAuditTrail(StreamBridge streamBridge, Template template) {
        this.streamBridge = streamBridge;
        this.queue = template.function(FUNCTION)
                .flatMap(f -> f.queues().stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("template.yaml gives " + FUNCTION + " no MQ queue"))
                .queue();
    }

    @Override
    public void record(AuditEvent event) {
        CorrelationData correlation = new CorrelationData(event.id().toString());
        boolean sent;
        try {
            sent = streamBridge.send(queue, MessageBuilder.withPayload(event)
                    .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation)
                    .build());
        }
        catch (RuntimeException e) {
            throw new AuditTrailUnavailable("Audit event " + event.id() + " could not be sent to " + queue, e);
        }
        if (!sent) {
            throw new AuditTrailUnavailable("Audit event " + event.id() + " was not sent to " + queue);
        }
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditTrailUnavailable("Interrupted waiting for the confirm of audit event " + event.id(), e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new AuditTrailUnavailable("No confirm for audit event " + event.id() + " on " + queue, e);
        }
        if (!confirm.ack()) {
            throw new AuditTrailUnavailable("Broker refused audit event " + event.id() + ": " + confirm.reason());
        }
        if (correlation.getReturned() != null) {
            throw new AuditTrailUnavailable("Audit event " + event.id() + " reached no queue: "
                    + correlation.getReturned().getReplyText());
        }
    }
}
