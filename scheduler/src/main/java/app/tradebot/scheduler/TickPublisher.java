package app.tradebot.scheduler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes a job's trigger on its queue through Spring Cloud Stream and returns only once the
 * broker has confirmed it (publisher confirms), so the caller may then commit the fire record.
 */
final class TickPublisher {

    private final StreamBridge streamBridge;
    private final Duration confirmTimeout;

    TickPublisher(StreamBridge streamBridge, Duration confirmTimeout) {
        this.streamBridge = streamBridge;
        this.confirmTimeout = confirmTimeout;
    }

    void publish(ScheduledJob job, String payload, UUID executionId) {
        send(job, payload, executionId).await(System.nanoTime() + confirmTimeout.toNanos());
    }

    /**
     * Hands the message to the broker without waiting for its confirm; {@link Sent#await} waits.
     * Several sends followed by their awaits cost one confirm round trip, not one each.
     */
    Sent send(ScheduledJob job, String payload, UUID executionId) {
        CorrelationData correlation = new CorrelationData(executionId.toString());
        Message<byte[]> message = MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .setHeader(AmqpHeaders.MESSAGE_ID, executionId.toString())
                .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation)
                .build();
        if (!streamBridge.send(job.bindingName(), message)) {
            throw new PublishFailed(job, "the binding did not accept the message");
        }
        return new Sent(job, correlation);
    }

    Duration confirmTimeout() {
        return confirmTimeout;
    }

    /** A message handed to the broker, its confirm still to come. */
    static final class Sent {

        private final ScheduledJob job;
        private final CorrelationData correlation;

        private Sent(ScheduledJob job, CorrelationData correlation) {
            this.job = job;
            this.correlation = correlation;
        }

        /** Returns once the broker confirmed and routed the message; throws PublishFailed otherwise or past the deadline ({@link System#nanoTime()}). */
        void await(long deadlineNanos) {
            CorrelationData.Confirm confirm;
            try {
                confirm = correlation.getFuture().get(Math.max(0, deadlineNanos - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException e) {
                throw new PublishFailed(job, "no confirm from the broker in time");
            }
            catch (ExecutionException e) {
                throw new PublishFailed(job, String.valueOf(e.getCause()));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailed(job, "interrupted while waiting for the broker's confirm");
            }
            if (!confirm.ack()) {
                throw new PublishFailed(job, "the broker refused the message: " + confirm.reason());
            }
            if (correlation.getReturned() != null) {
                throw new PublishFailed(job, "the broker could not route the message: "
                        + correlation.getReturned().getReplyText());
            }
        }
    }

    /** The broker did not take a trigger message; the fire record is rolled back and the tick retried. */
    static final class PublishFailed extends RuntimeException {

        PublishFailed(ScheduledJob job, String reason) {
            super("Cannot publish the tick of " + job.id() + " on queue " + job.queue() + ": " + reason);
        }
    }
}
