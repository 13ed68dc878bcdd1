package app.tradebot.platform.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import app.tradebot.runtime.Template;

import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.stereotype.Component;

/**
 * Publishes a task to the queue template.yaml gives a function's MQ event and waits for the
 * broker's publisher confirm: a task the broker never took must not look accepted. A refused or
 * unroutable message, or no confirm in time, throws {@link UnconfirmedPublish}.
 *
 * <p>Features do not call it: they write to the {@link Outbox}, whose relay calls it, so that a
 * broker outage neither fails their request nor loses the message.
 */
@Component
public class ConfirmedPublisher {

    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final StreamBridge streamBridge;
    private final Template template;

    public ConfirmedPublisher(StreamBridge streamBridge, Template template) {
        this.streamBridge = streamBridge;
        this.template = template;
    }

    /**
     * The queue of {@code function}'s MQ event, or else of its schedule (a scheduled job triggered at once,
     * as the scheduler would); fails when template.yaml gives it neither.
     */
    public String queueOf(String function) {
        return template.function(function)
                .flatMap(f -> f.queues().isEmpty()
                        ? f.schedules().stream().findFirst().map(schedule -> schedule.queue())
                        : f.queues().stream().findFirst().map(queue -> queue.queue()))
                .orElseThrow(() -> new IllegalStateException("template.yaml gives " + function + " no MQ queue or schedule"));
    }

    /**
     * Sends {@code payload} (as JSON) to {@code function}'s queue and returns once the broker
     * confirmed it. {@code what} names the message in errors, e.g. {@code "audit event <id>"}.
     */
    public void publish(String function, String what, Object payload) {
        publish(function, what, payload, Map.of());
    }

    /**
     * As {@link #publish(String, String, Object)}, with message headers; a {@code byte[]} payload
     * is sent as it is, as JSON.
     */
    void publish(String function, String what, Object payload, Map<String, String> headers) {
        send(function, what, payload, headers).await();
    }

    /**
     * Sends without waiting: the broker's confirm is awaited by {@link Sent#await()}, so a batch of
     * messages waits for its confirms together rather than one round trip after another.
     */
    Sent send(String function, String what, Object payload, Map<String, String> headers) {
        String queue = queueOf(function);
        CorrelationData correlation = new CorrelationData(what);
        boolean sent;
        try {
            MessageBuilder<Object> message = MessageBuilder.withPayload(payload)
                    .copyHeaders(headers)
                    .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation);
            if (payload instanceof byte[]) {
                message.setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE);
            }
            sent = streamBridge.send(queue, message.build());
        }
        catch (RuntimeException e) {
            throw new UnconfirmedPublish(what + " could not be sent to " + queue, e);
        }
        if (!sent) {
            throw new UnconfirmedPublish(what + " was not sent to " + queue, null);
        }
        return new Sent(what, queue, correlation);
    }

    /** A message handed to the broker, its confirm still to come. */
    record Sent(String what, String queue, CorrelationData correlation) {

        /** Returns once the broker confirmed the message; {@link UnconfirmedPublish} when it did not. */
        void await() {
            CorrelationData.Confirm confirm;
            try {
                confirm = correlation.getFuture().get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnconfirmedPublish("Interrupted waiting for the confirm of " + what, e);
            }
            catch (ExecutionException | TimeoutException e) {
                throw new UnconfirmedPublish("No confirm for " + what + " on " + queue, e);
            }
            if (!confirm.ack()) {
                throw new UnconfirmedPublish("The broker refused " + what + " on " + queue + ": " + confirm.reason(), null);
            }
            if (correlation.getReturned() != null) {
                throw new UnconfirmedPublish(what + " reached no queue: " + correlation.getReturned().getReplyText(), null);
            }
        }
    }
}
