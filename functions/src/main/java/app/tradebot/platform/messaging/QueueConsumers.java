package app.tradebot.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import app.tradebot.runtime.FunctionInvocations;
import app.tradebot.runtime.FunctionInvocations.Outcome;
import app.tradebot.runtime.QueueTopology;
import app.tradebot.runtime.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Makes the functions that MQ events and schedules trigger: a {@code Consumer<Message<byte[]>>}
 * that decodes the JSON payload into a record, validates it and hands it to a typed handler.
 *
 * <p>The same bean runs in both worlds. The worker delivers one RabbitMQ message per call:
 * decoding failures throw {@link UndecodableMessage}, handler failures propagate, and the worker's
 * binder retries ({@value QueueTopology#MAX_ATTEMPTS} attempts, except for an undecodable message)
 * and then republishes to the queue's DLQ. In AWS, FunctionInvoker passes the Amazon MQ event
 * itself ({@code "eventSource":"aws:rmq"}), and the event source mapping would return the whole
 * batch to the queue on any error, again and again. So each of its messages is handled here as
 * the worker's binder would, in order: an undecodable one goes to its DLQ at once, a failing one
 * is tried {@value QueueTopology#MAX_ATTEMPTS} times with the worker's back-off and then goes to
 * its DLQ ({@link DeadLetters}), and the invocation succeeds, which acknowledges the batch. Only
 * what this code cannot catch (the function timing out, the runtime dying, the DLQ refusing)
 * fails the invocation; the queue's delivery limit ({@link QueueTopology#MAX_DELIVERIES}) bounds that.
 *
 * <p>Each call is timed in {@link FunctionInvocations} under the consumer's bean name (its
 * function name in template.yaml): SUCCESS, CLIENT_ERROR for an undecodable message, ERROR when
 * the handler throws (once per delivery attempt). A message that carries a request id (header
 * {@value RequestIds#MESSAGE_HEADER}, set by {@link RequestIdPropagation} when an API request
 * published it) puts that id in the MDC while it is handled, so the worker's log lines match the
 * gateway's.
 */
@Component
public class QueueConsumers {

    static final String AMAZON_MQ_RABBIT = "aws:rmq";
    /** The queue a worker's message came from (Spring AMQP's header), and each message's headers in a batch. */
    static final String CONSUMER_QUEUE = "amqp_consumerQueue";
    static final String BATCHED_HEADERS = "amqp_batchedHeaders";
    private static final byte[] AMAZON_MQ_MARK = AMAZON_MQ_RABBIT.getBytes(StandardCharsets.US_ASCII);

    private static final Logger log = LoggerFactory.getLogger(QueueConsumers.class);

    private final JsonMapper json;
    private final Validator validator;
    private final FunctionInvocations invocations;
    private final DeadLetters deadLetters;
    private final Pause pause;

    /**
     * The DLQs are looked up when a message is dead-lettered: a package without the broker (the tickers package) has
     * none, and its functions are triggered by schedules, whose events are never Amazon MQ's.
     */
    @Autowired
    QueueConsumers(JsonMapper json, Validator validator, ObjectProvider<MeterRegistry> meters,
            ObjectProvider<DeadLetters> deadLetters) {
        this(json, validator, new FunctionInvocations(meters.getIfUnique(SimpleMeterRegistry::new)),
                (queue, body, cause) -> {
                    DeadLetters broker = deadLetters.getIfAvailable();
                    if (broker == null) {
                        IllegalStateException none = new IllegalStateException(
                                "A message on " + queue + " cannot be dead-lettered: this package has no broker client");
                        none.addSuppressed(cause);
                        throw none;
                    }
                    broker.send(queue, body, cause);
                }, Thread::sleep);
    }

    QueueConsumers(JsonMapper json, Validator validator, FunctionInvocations invocations, DeadLetters deadLetters,
            Pause pause) {
        this.json = json;
        this.validator = validator;
        this.invocations = invocations;
        this.deadLetters = deadLetters;
        this.pause = pause;
    }

    /** Waits between two attempts at a message on the Lambda path (tests do not wait). */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    public <T> Consumer<Message<byte[]>> of(Class<T> type, Consumer<? super T> handler) {
        @SuppressWarnings("unchecked")
        Consumer<Message<byte[]>> consumer = (Consumer<Message<byte[]>>) (Consumer<?>) new QueueConsumer<>(type, handler, null);
        return consumer;
    }

    /**
     * As {@link #of}, for a function that handles many messages at once: the messages of one delivery (the
     * worker's batch, {@link WorkerBindings#BATCHES}; an Amazon MQ event) that can be decoded go to
     * {@code batchHandler} together, in order. Should it throw, each of them is handled alone by {@code handler},
     * as {@link #of}'s function handles an Amazon MQ event's messages (tried {@value QueueTopology#MAX_ATTEMPTS}
     * times, then dead-lettered), so a failure belongs to its own message. A message that cannot be decoded goes
     * to its DLQ at once. Its input is declared {@code Object}: the worker's binder hands it a list of bodies,
     * Lambda's FunctionInvoker the event's bytes.
     */
    public <T> Consumer<Message<Object>> ofBatches(Class<T> type, Consumer<? super T> handler,
            Consumer<List<T>> batchHandler) {
        return new QueueConsumer<>(type, handler, batchHandler);
    }

    /** A queue-triggered function; Spring names it after its bean, which is the function's name. */
    private final class QueueConsumer<T> implements Consumer<Message<Object>>, BeanNameAware {

        private final Class<T> type;
        private final Consumer<? super T> handler;
        /** Null: each message is handled alone. */
        private final Consumer<List<T>> batchHandler;
        private String name = "unnamed";

        QueueConsumer(Class<T> type, Consumer<? super T> handler, Consumer<List<T>> batchHandler) {
            this.type = type;
            this.handler = handler;
            this.batchHandler = batchHandler;
        }

        @Override
        public void setBeanName(String name) {
            this.name = name;
        }

        @Override
        public void accept(Message<Object> message) {
            if (message.getPayload() instanceof List<?> bodies) {
                // The worker's batch (its binding's batch mode): each message runs under its own request id.
                handleAll(workerBatch(message, bodies));
                return;
            }
            withRequestId(message.getHeaders().get(RequestIds.MESSAGE_HEADER), () -> {
                long started = System.nanoTime();
                try {
                    byte[] payload = (byte[]) message.getPayload();
                    List<Delivery> deliveries = amazonMqDeliveries(payload);
                    if (deliveries == null) {
                        handler.accept(decode(payload, type));
                        record(Outcome.SUCCESS, null, started);
                    }
                    else {
                        handleAll(deliveries);
                    }
                }
                catch (UndecodableMessage e) {
                    record(Outcome.CLIENT_ERROR, e, started);
                    throw e;
                }
                catch (RuntimeException e) {
                    record(Outcome.ERROR, e, started);
                    throw e;
                }
            });
        }

        /**
         * The messages of one delivery, in order: those that cannot be decoded go to their DLQ at once; the rest
         * to the batch handler together, or (without one, or when it fails) each alone.
         */
        private void handleAll(List<Delivery> deliveries) {
            List<Delivery> decoded = new ArrayList<>(deliveries.size());
            List<T> values = new ArrayList<>(deliveries.size());
            if (batchHandler == null) {
                // One after the other, as the worker's binder delivers them: a message's attempts end before the
                // next one is decoded, so the messages reach the handler and their DLQ in the event's order.
                for (Delivery delivery : deliveries) {
                    withRequestId(delivery, () -> {
                        if (decodeOrDeadLetter(delivery, decoded, values)) {
                            handleOrDeadLetter(delivery, values.get(values.size() - 1));
                        }
                    });
                }
                return;
            }
            for (Delivery delivery : deliveries) {
                withRequestId(delivery, () -> decodeOrDeadLetter(delivery, decoded, values));
            }
            if (values.size() > 1) {
                long started = System.nanoTime();
                try {
                    batchHandler.accept(values);
                    // One call of the function on the whole batch.
                    record(Outcome.SUCCESS, null, started);
                    if (log.isDebugEnabled()) {
                        // Each message's line carries the id of the request that published it, as alone.
                        for (Delivery delivery : decoded) {
                            withRequestId(delivery, () -> log.debug("{} handled a message in a batch of {}", name,
                                    values.size()));
                        }
                    }
                    return;
                }
                catch (RuntimeException e) {
                    record(Outcome.ERROR, e, started);
                    log.info("{}: a batch of {} messages failed ({}), each is handled alone", name, values.size(), e.toString());
                }
            }
            for (int i = 0; i < decoded.size(); i++) {
                Delivery delivery = decoded.get(i);
                T value = values.get(i);
                withRequestId(delivery, () -> handleOrDeadLetter(delivery, value));
            }
        }

        /** Runs {@code work} with the delivery's request id in the MDC, where it has a sane one. */
        private void withRequestId(Delivery delivery, Runnable work) {
            withRequestId(delivery.requestId(), work);
        }

        /** Runs {@code work} with {@code id} (a message's request id header) in the MDC, where it is a sane one. */
        private static void withRequestId(Object id, Runnable work) {
            String requestId = id == null ? null : id.toString();
            if (requestId == null || !RequestIds.isSane(requestId)) {
                work.run();
                return;
            }
            String previous = MDC.get(RequestIds.MDC_KEY);
            MDC.put(RequestIds.MDC_KEY, requestId);
            try {
                work.run();
            }
            finally {
                if (previous == null) {
                    MDC.remove(RequestIds.MDC_KEY);
                }
                else {
                    MDC.put(RequestIds.MDC_KEY, previous);
                }
            }
        }

        /** Decodes a message into {@code decoded} and {@code values}, or sends it to its DLQ at once; true if decoded. */
        private boolean decodeOrDeadLetter(Delivery delivery, List<Delivery> decoded, List<T> values) {
            long started = System.nanoTime();
            try {
                if (delivery.undecodable() != null) {
                    throw delivery.undecodable();
                }
                values.add(decode(delivery.body(), type));
                decoded.add(delivery);
                return true;
            }
            catch (UndecodableMessage e) {
                record(Outcome.CLIENT_ERROR, e, started);
                log.warn("{}: a message on {} cannot be decoded, dead-lettered: {}", name, delivery.queue(), e.getMessage());
                deadLetters.send(delivery.queue(), delivery.body(), e);
                return false;
            }
        }

        /** One decoded message of a delivery, handled as the worker's binder would handle it. */
        private void handleOrDeadLetter(Delivery delivery, T value) {
            for (int attempt = 1;; attempt++) {
                long started = System.nanoTime();
                try {
                    handler.accept(value);
                    record(Outcome.SUCCESS, null, started);
                    return;
                }
                catch (RuntimeException e) {
                    record(Outcome.ERROR, e, started);
                    if (attempt >= QueueTopology.MAX_ATTEMPTS) {
                        log.warn("{}: a message on {} failed {} times, dead-lettered", name, delivery.queue(), attempt, e);
                        deadLetters.send(delivery.queue(), delivery.body(), e);
                        return;
                    }
                    log.info("{}: attempt {} at a message on {} failed ({}), trying again", name, attempt,
                            delivery.queue(), e.toString());
                    try {
                        pause.sleep(QueueTopology.backOffMillis(attempt));
                    }
                    catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        private void record(Outcome outcome, RuntimeException error, long started) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            invocations.record(name, FunctionInvocations.QUEUE, outcome, error, took);
            log.debug("{} handled a message: {} in {} ms", name, outcome, took.toMillis());
        }

        @Override
        public String toString() {
            return "QueueConsumer[" + name + ": " + type.getSimpleName() + "]";
        }
    }

    /**
     * One message of an Amazon MQ event or of the worker's batch: its queue (without the event's {@code ::vhost}
     * suffix), its body, why it cannot even be read, if so (its raw {@code data} is then the body), and the id of
     * the request that published it (its {@code x-request-id} header, where the batch carries headers).
     */
    record Delivery(String queue, byte[] body, UndecodableMessage undecodable, String requestId) {

        Delivery(String queue, byte[] body, UndecodableMessage undecodable) {
            this(queue, body, undecodable, null);
        }
    }

    /** The messages of the worker's batch, in order, on the queue their headers name. */
    static List<Delivery> workerBatch(Message<?> message, List<?> bodies) {
        String queue = String.valueOf(message.getHeaders().get(CONSUMER_QUEUE));
        List<?> headers = message.getHeaders().get(BATCHED_HEADERS) instanceof List<?> list ? list : List.of();
        if (!headers.isEmpty() && headers.get(0) instanceof Map<?, ?> first && first.get(CONSUMER_QUEUE) != null) {
            queue = first.get(CONSUMER_QUEUE).toString();
        }
        List<Delivery> deliveries = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            Object body = bodies.get(i);
            String requestId = i < headers.size() && headers.get(i) instanceof Map<?, ?> own
                    && own.get(RequestIds.MESSAGE_HEADER) != null ? own.get(RequestIds.MESSAGE_HEADER).toString() : null;
            deliveries.add(body instanceof byte[] bytes ? new Delivery(queue, bytes, null, requestId)
                    : new Delivery(queue, String.valueOf(body).getBytes(StandardCharsets.UTF_8),
                            new UndecodableMessage("A message on " + queue + " whose body is not bytes"), requestId));
        }
        return deliveries;
    }

    /** The messages of an Amazon MQ event, in order; null when the payload is one message, as the worker delivers. */
    List<Delivery> amazonMqDeliveries(byte[] payload) {
        if (!mayBeAmazonMqEvent(payload)) {
            // The worker's message, read once by decode(): not parsed here first.
            return null;
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        }
        catch (JacksonException e) {
            // Not JSON, so no event: the worker's message, which decode() refuses.
            return null;
        }
        if (root == null || !root.isObject() || !AMAZON_MQ_RABBIT.equals(root.path("eventSource").asString(null))) {
            return null;
        }
        JsonNode byQueue = root.path("rmqMessagesByQueue");
        if (!byQueue.isObject()) {
            throw new UndecodableMessage("Amazon MQ event without rmqMessagesByQueue");
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : byQueue.properties()) {
            int vhost = entry.getKey().indexOf("::");
            String queue = vhost < 0 ? entry.getKey() : entry.getKey().substring(0, vhost);
            for (JsonNode rmqMessage : entry.getValue()) {
                String data = rmqMessage.path("data").asString(null);
                if (data == null) {
                    deliveries.add(new Delivery(queue, rmqMessage.toString().getBytes(StandardCharsets.UTF_8),
                            new UndecodableMessage("Amazon MQ message on " + queue + " without data")));
                    continue;
                }
                try {
                    deliveries.add(new Delivery(queue, Base64.getDecoder().decode(data), null));
                }
                catch (IllegalArgumentException e) {
                    deliveries.add(new Delivery(queue, data.getBytes(StandardCharsets.UTF_8),
                            new UndecodableMessage("Amazon MQ message on " + queue + " has data that is not base64", e)));
                }
            }
        }
        return deliveries;
    }

    /**
     * False when {@code payload} cannot be an Amazon MQ event, found without parsing it: JSON can spell the
     * string {@value #AMAZON_MQ_RABBIT} only as those very bytes or with a backslash-u escape, so a payload
     * holding neither has no {@code "eventSource":"aws:rmq"}. The worker's messages are then parsed once
     * (by {@link #decode}), not twice.
     */
    static boolean mayBeAmazonMqEvent(byte[] payload) {
        for (int i = 0; i < payload.length; i++) {
            byte b = payload[i];
            if (b == '\\' && i + 1 < payload.length && payload[i + 1] == 'u') {
                return true;
            }
            if (b == AMAZON_MQ_MARK[0] && i + AMAZON_MQ_MARK.length <= payload.length
                    && Arrays.equals(payload, i, i + AMAZON_MQ_MARK.length, AMAZON_MQ_MARK, 0, AMAZON_MQ_MARK.length)) {
                return true;
            }
        }
        return false;
    }

    private boolean isJson(byte[] body) {
        try {
            json.readTree(body);
            return true;
        }
        catch (JacksonException e) {
            return false;
        }
    }

    <T> T decode(byte[] body, Class<T> type) {
        T value;
        try {
            value = json.readValue(body, type);
        }
        catch (JacksonException e) {
            if (!isJson(body)) {
                throw new UndecodableMessage("Payload is not JSON: " + e.getOriginalMessage(), e);
            }
            throw new UndecodableMessage("Not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new UndecodableMessage("Not a " + type.getSimpleName() + ": " + new String(body, StandardCharsets.UTF_8));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new UndecodableMessage("Invalid " + type.getSimpleName() + ": " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining(", ")));
        }
        return value;
    }
}
