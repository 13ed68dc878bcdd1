package app.tradebot.scheduler;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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
 * Publishes a job's trigger on its queue through Spring Cloud Stream; {@link Sent#await} returns
 * only once the broker has confirmed it (publisher confirms), so the caller may then commit the
 * fire record. Sending several messages before awaiting any costs one confirm wait, not one each.
 */
final class TickPublisher {

    private final StreamBridge streamBridge;
    private final Clock clock;

    TickPublisher(StreamBridge streamBridge, Clock clock) {
        this.streamBridge = streamBridge;
        this.clock = clock;
    }

    /** Hands the message to the broker without waiting for its confirm; {@link Sent#await} waits. */
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
        Sent sent = new Sent(job, correlation);
        correlation.getFuture().whenComplete((confirm, error) -> sent.confirmedAt = clock.instant());
        return sent;
    }

    /** A message handed to the broker, its confirm still to come. */
    static final class Sent {

        private final ScheduledJob job;
        private final CorrelationData correlation;
        private volatile Instant confirmedAt;

        private Sent(ScheduledJob job, CorrelationData correlation) {
            this.job = job;
            this.correlation = correlation;
        }

        /** When the broker's confirm arrived (the message was published); call after {@link #await}. */
        Instant confirmedAt(Clock clock) {
            Instant at = confirmedAt;
            return at == null ? clock.instant() : at; // the callback may run just after await returns
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
