package app.tradebot.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 */
@Component
public class QueueConsumers {

    static final String AMAZON_MQ_RABBIT = "aws:rmq";

    private final JsonMapper json;
    private final Validator validator;

    QueueConsumers(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> Consumer<Message<byte[]>> of(Class<T> type, Consumer<? super T> handler) {
        return message -> {
            for (byte[] body : bodies(message.getPayload())) {
                handler.accept(decode(body, type));
            }
        };
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
