package app.tradebot.platform.messaging;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Hands a JSON object's bytes to a function that takes {@code byte[]} (every {@link QueueConsumers}
 * function) as they are. Without it Spring Cloud Function's JSON converter first tries to read the
 * object as a base64 string, fails with an exception and leaves the bytes to the next converter: a
 * parse and an exception per message, a seventh of the worker's time on an audit event (BENCHMARKS.md,
 * section 10). Only payloads that converter must refuse are taken (bytes whose first non-blank byte
 * opens an object), so every other conversion is unchanged.
 */
final class JsonObjectBytesConverter implements MessageConverter {

    @Override
    public Object fromMessage(Message<?> message, Class<?> targetClass) {
        if (targetClass != byte[].class || !(message.getPayload() instanceof byte[] bytes) || !isObject(bytes)) {
            return null;
        }
        return bytes;
    }

    @Override
    public Message<?> toMessage(Object payload, MessageHeaders headers) {
        return null;
    }

    private static boolean isObject(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }
}
