package app.tradebot.platform.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import app.tradebot.runtime.Template;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a task to the queue template.yaml gives a function's MQ event and waits for the
 * broker's publisher confirm: a task the broker never took must not look accepted. A refused or
 * unroutable message, or no confirm in time, throws {@link UnconfirmedPublish}.
 *
 * <p>Features do not call it: they write to the {@link Outbox}, whose relay calls it, so that a
 * broker outage neither fails their request nor loses the message.
 *
 * <p>It sends through {@link RabbitTemplate} as the producer bindings would (to the queue's exchange,
 * persistent, {@code application/json}, the headers as they are): the outbox's messages are already JSON
 * bytes with their headers, and StreamBridge's channel, conversion and interceptors around the same
 * template cost a third of a publish's CPU.
 */
@Component
public class ConfirmedPublisher {

    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final RabbitTemplate rabbit;
    private final Template template;

    public ConfirmedPublisher(RabbitTemplate rabbit, Template template) {
        this.rabbit = rabbit;
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
     * Sends {@code payload}, JSON, to {@code function}'s queue without waiting: the broker's confirm is awaited
     * by {@link Sent#await()}, so a batch of messages waits for its confirms together rather than one round trip
     * after another. {@code what} names the message in errors, e.g. {@code "outbox message <id>"}.
     */
    Sent send(String function, String what, byte[] payload, Map<String, String> headers) {
        String queue = queueOf(function);
        CorrelationData correlation = new CorrelationData(what);
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        headers.forEach(properties::setHeader);
        try {
            // The exchange of the queue's name (QueueTopology binds the queue to it with #), the queue's name as key.
            rabbit.send(queue, queue, new Message(payload, properties), correlation);
        }
        catch (RuntimeException e) {
            throw new UnconfirmedPublish(what + " could not be sent to " + queue, e);
        }
        return new Sent(what, queue, correlation);
    }

    /**
     * Runs {@code sends} with this thread's {@link #send}s on one channel, held until it returns, rather than one
     * channel taken from the cache and handed back per message; {@code sends} awaits their confirms itself. When
     * no channel can be had, it runs without one, each send then failing as it would alone.
     */
    <T> T onOneChannel(Supplier<T> sends) {
        boolean[] ran = { false };
        try {
            return rabbit.invoke(operations -> {
                ran[0] = true;
                return sends.get();
            });
        }
        catch (AmqpException e) {
            if (ran[0]) {
                throw e;
            }
            return sends.get();
        }
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
