package app.tradebot.gateway;

import java.util.Map;
import java.util.function.Function;

import app.tradebot.platform.http.AuthorizerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;

/**
 * Calls the HttpApi's Lambda authorizer and reads its answer as API Gateway reads a simple
 * response: {@code {"isAuthorized": bool, "context": {...}}}. Whatever type the function returns,
 * only that JSON shape counts, exactly as when Lambda serialises it; an {@link AuthorizerResponse} whose
 * context holds only strings and booleans is read as it is, since its JSON would say the same.
 */
final class LambdaAuthorizer {

    private final JsonMapper json;

    LambdaAuthorizer(JsonMapper json) {
        this.json = json;
    }

    Decision authorize(Function<Object, Object> authorizer, AuthorizerEvent event) {
        Object output = authorizer.apply(event);
        Object value = output instanceof Message<?> message ? message.getPayload() : output;
        if (value instanceof AuthorizerResponse typed && isPlainJson(typed.context())) {
            // The record's JSON is exactly the simple response's shape: no need to write it and read it back.
            return typed.isAuthorized() ? new Decision.Allow(typed.context()) : new Decision.Deny();
        }
        JsonNode answer = toJson(value);
        JsonNode authorized = answer == null ? null : answer.get("isAuthorized");
        if (authorized == null || !authorized.isBoolean()) {
            throw new InvalidFunctionResponse("the authorizer did not answer {\"isAuthorized\": true|false}");
        }
        if (!authorized.booleanValue()) {
            return new Decision.Deny();
        }
        JsonNode context = answer.get("context");
        if (context == null || context.isNull()) {
            return new Decision.Allow(Map.of());
        }
        if (!context.isObject()) {
            throw new InvalidFunctionResponse("the authorizer's context is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = json.convertValue(context, Map.class);
        return new Decision.Allow(values);
    }

    /** Values that come back from JSON as they went in (a long or a decimal might not: Jackson reads 1 as an int). */
    private static boolean isPlainJson(Map<String, Object> context) {
        for (Object value : context.values()) {
            if (!(value instanceof String || value instanceof Boolean)) {
                return false;
            }
        }
        return true;
    }

    private JsonNode toJson(Object value) {
        try {
            if (value == null) {
                return null;
            }
            if (value instanceof byte[] bytes) {
                return json.readTree(bytes);
            }
            if (value instanceof String text) {
                return json.readTree(text);
            }
            return json.valueToTree(value);
        }
        catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidFunctionResponse("the authorizer's answer is not JSON");
        }
    }

    sealed interface Decision {

        record Allow(Map<String, Object> context) implements Decision {
        }

        record Deny() implements Decision {
        }
    }
}
