package app.tradebot.scheduler;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.messaging.DirectWithAttributesChannel;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes a job's trigger on its queue through the job's Spring Cloud Stream producer binding;
 * {@link Sent#await} returns only once the broker has confirmed it (publisher confirms), so the
 * caller may then commit the fire record. Sending several messages before awaiting any costs one
 * confirm wait, not one each.
 *
 * <p>The producer bindings are this class's own channels, bound through {@link BindingService}
 * the way StreamBridge binds its channels, but at start-up ({@link #warmUp}) rather than at a
 * tick's first send, and without StreamBridge's per-send function wrapper: the message is already
 * JSON bytes with its content type, which is what that wrapper would have produced. Warming up
 * also opens the binder's publisher connection with one confirm-mode channel per job, left in the
 * connection factory's channel cache, and sends one message per job through a binding of its own
 * to {@value #WARM_UP_EXCHANGE} with routing key {@value #WARM_UP_ROUTING_KEY}, which no queue
 * takes: the send and confirm path (the binding's handler, the template, the confirm callback) is
 * loaded and initialised before the first tick, which otherwise paid for it (half a second on a
 * loaded machine, BENCHMARKS §12). No job's queue receives anything from the warm-up.
 */
final class TickPublisher {

    /** The warm-up's producer binding; {@link SchedulerBindings} configures it. */
    static final String WARM_UP_BINDING = "scheduler-warm-up";
    /** A broker's built-in topic exchange: it exists in every virtual host, nothing needs declaring. */
    static final String WARM_UP_EXCHANGE = "amq.topic";
    /** Bound by no queue of the project: the broker confirms the warm-up's messages and drops them. */
    static final String WARM_UP_ROUTING_KEY = "tradebot.scheduler.warm-up";

    private static final Logger log = LoggerFactory.getLogger(TickPublisher.class);

    private final BindingService bindings;
    private final ApplicationContext context;
    private final Clock clock;
    private final Map<String, MessageChannel> channels = new ConcurrentHashMap<>();

    TickPublisher(BindingService bindings, ApplicationContext context, Clock clock) {
        this.bindings = bindings;
        this.context = context;
        this.clock = clock;
    }

    /**
     * Binds every job's producer and opens, on {@code publisherConnections} (the binder's), as
     * many publisher channels as there are jobs, returned at once to the factory's cache: a tick's
     * sends, which check out one channel each until its confirm is in, then find them ready.
     * Builds one message per job too (discarded), then sends one per job through the warm-up binding
     * and awaits their confirms until {@code deadlineNanos} ({@link System#nanoTime()}): a warm-up
     * send that fails is logged, not thrown (the first tick then pays for the path itself).
     */
    void warmUp(List<ScheduledJob> jobs, ConnectionFactory publisherConnections, long deadlineNanos) {
        for (ScheduledJob job : jobs) {
            channel(job);
            prepare(job, job.payload(Instant.EPOCH, new UUID(0, 0)), new UUID(0, 0));
        }
        if (publisherConnections != null && !jobs.isEmpty()) {
            ConnectionFactory factory = publisherConnections.getPublisherConnectionFactory() != null
                    ? publisherConnections.getPublisherConnectionFactory() : publisherConnections;
            Connection connection = factory.createConnection();
            List<Channel> open = new ArrayList<>();
            try {
                for (int i = 0; i < jobs.size(); i++) {
                    open.add(connection.createChannel(false));
                }
            }
            finally {
                for (Channel channel : open) {
                    try {
                        channel.close(); // a cached channel: back to the cache, still open
                    }
                    catch (Exception e) {
                        // a channel that cannot go back to the cache is opened again at a send
                    }
                }
            }
        }
        if (!jobs.isEmpty()) {
            sendWarmUp(jobs.size(), deadlineNanos);
        }
    }

    private void sendWarmUp(int count, long deadlineNanos) {
        MessageChannel channel = channels.computeIfAbsent(WARM_UP_BINDING, this::bind);
        List<CorrelationData> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            CorrelationData correlation = new CorrelationData(id.toString());
            if (channel.send(message("{\"warmUp\":true}", id, correlation))) {
                pending.add(correlation);
            }
        }
        for (CorrelationData correlation : pending) {
            try {
                correlation.getFuture().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (ExecutionException | TimeoutException e) {
                log.warn("Scheduler warm-up: a warm-up message was not confirmed ({}); the first tick's sends"
                        + " load their path themselves", e.toString());
                return;
            }
        }
    }

    /** The message of a tick, built ahead of the tick (the claim-ahead) so the send itself is all that is left. */
    Prepared prepare(ScheduledJob job, String payload, UUID executionId) {
        CorrelationData correlation = new CorrelationData(executionId.toString());
        return new Prepared(job, message(payload, executionId, correlation), correlation);
    }

    /** A JSON message with its id and the correlation its publisher confirm completes. */
    private static Message<byte[]> message(String payload, UUID id, CorrelationData correlation) {
        return MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .setHeader(AmqpHeaders.MESSAGE_ID, id.toString())
                .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation)
                .build();
    }

    /** Hands the message to the broker without waiting for its confirm; {@link Sent#await} waits. */
    Sent send(ScheduledJob job, String payload, UUID executionId) {
        return send(prepare(job, payload, executionId));
    }

    /** Hands a prepared message to the broker without waiting for its confirm; {@link Sent#await} waits. */
    Sent send(Prepared prepared) {
        if (!channel(prepared.job()).send(prepared.message())) {
            throw new PublishFailed(prepared.job(), "the binding did not accept the message");
        }
        Sent sent = new Sent(prepared.job(), prepared.correlation());
        prepared.correlation().getFuture().whenComplete((confirm, error) -> sent.confirmedAt = clock.instant());
        return sent;
    }

    /** Unbinds the producers (the scheduler stopped). */
    void close() {
        channels.keySet().forEach(name -> {
            try {
                bindings.unbindProducers(name);
            }
            catch (RuntimeException e) {
                // already unbound as the binder shut down
            }
        });
        channels.clear();
    }

    private MessageChannel channel(ScheduledJob job) {
        return channels.computeIfAbsent(job.bindingName(), this::bind);
    }

    private MessageChannel bind(String name) {
        DirectWithAttributesChannel channel = new DirectWithAttributesChannel();
        channel.setApplicationContext(context);
        channel.setComponentName(name);
        bindings.bindProducer(channel, name);
        return channel;
    }

    /** A tick's message, built, not yet sent. */
    record Prepared(ScheduledJob job, Message<byte[]> message, CorrelationData correlation) {
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
