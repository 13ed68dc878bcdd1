package app.tradebot.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>The same bean runs in both worlds. The worker delivers one RabbitMQ message per call. In AWS,
 * FunctionInvoker passes the Amazon MQ event itself ({@code "eventSource":"aws:rmq"}); its
 * messages are unpacked and each is handled exactly as the worker would handle it, in order.
 * Decoding failures throw {@link UndecodableMessage}; handler failures propagate, so the worker
 * retries and then dead-letters, and the Lambda invocation fails.
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

    private static final Logger log = LoggerFactory.getLogger(QueueConsumers.class);

    private final JsonMapper json;
    private final Validator validator;
    private final FunctionInvocations invocations;

    @Autowired
    QueueConsumers(JsonMapper json, Validator validator, ObjectProvider<MeterRegistry> meters) {
        this(json, validator, new FunctionInvocations(meters.getIfUnique(SimpleMeterRegistry::new)));
    }

    QueueConsumers(JsonMapper json, Validator validator, FunctionInvocations invocations) {
        this.json = json;
        this.validator = validator;
        this.invocations = invocations;
    }

    public <T> Consumer<Message<byte[]>> of(Class<T> type, Consumer<? super T> handler) {
        return new QueueConsumer<>(type, handler);
    }

    /** A queue-triggered function; Spring names it after its bean, which is the function's name. */
    private final class QueueConsumer<T> implements Consumer<Message<byte[]>>, BeanNameAware {

        private final Class<T> type;
        private final Consumer<? super T> handler;
        private String name = "unnamed";

        QueueConsumer(Class<T> type, Consumer<? super T> handler) {
            this.type = type;
            this.handler = handler;
        }

        @Override
        public void setBeanName(String name) {
            this.name = name;
        }

        @Override
        public void accept(Message<byte[]> message) {
            String previousRequestId = MDC.get(RequestIds.MDC_KEY);
            Object requestId = message.getHeaders().get(RequestIds.MESSAGE_HEADER);
            if (requestId != null && RequestIds.isSane(requestId.toString())) {
                MDC.put(RequestIds.MDC_KEY, requestId.toString());
            }
            long started = System.nanoTime();
            try {
                for (byte[] body : bodies(message.getPayload())) {
                    handler.accept(decode(body, type));
                }
                record(Outcome.SUCCESS, null, started);
            }
            catch (UndecodableMessage e) {
                record(Outcome.CLIENT_ERROR, e, started);
                throw e;
            }
            catch (RuntimeException e) {
                record(Outcome.ERROR, e, started);
                throw e;
            }
            finally {
                if (previousRequestId == null) {
                    MDC.remove(RequestIds.MDC_KEY);
                }
                else {
                    MDC.put(RequestIds.MDC_KEY, previousRequestId);
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

    /** The message bodies carried by one delivery: itself, or every message of an Amazon MQ event. */
    List<byte[]> bodies(byte[] payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        }
        catch (JacksonException e) {
            throw new UndecodableMessage("Payload is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !AMAZON_MQ_RABBIT.equals(root.path("eventSource").asString(null))) {
            return List.of(payload);
        }
        JsonNode byQueue = root.path("rmqMessagesByQueue");
        if (!byQueue.isObject()) {
            throw new UndecodableMessage("Amazon MQ event without rmqMessagesByQueue");
        }
        List<byte[]> bodies = new ArrayList<>();
        for (Map.Entry<String, JsonNode> queue : byQueue.properties()) {
            for (JsonNode rmqMessage : queue.getValue()) {
                String data = rmqMessage.path("data").asString(null);
                if (data == null) {
                    throw new UndecodableMessage("Amazon MQ message on " + queue.getKey() + " without data");
                }
                try {
                    bodies.add(Base64.getDecoder().decode(data));
                }
                catch (IllegalArgumentException e) {
                    throw new UndecodableMessage("Amazon MQ message on " + queue.getKey() + " has data that is not base64", e);
                }
            }
        }
        return bodies;
    }

    <T> T decode(byte[] body, Class<T> type) {
        T value;
        try {
            value = json.readValue(body, type);
        }
        catch (JacksonException e) {
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
