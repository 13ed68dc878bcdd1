package app.tradebot.platform.http;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the {@code authorize} function answers: API Gateway's simple authorizer response,
 * {@code {"isAuthorized": true|false, "context": {...}}}. The gateway puts {@code context} into
 * {@code requestContext.authorizer.lambda} of the event the route's function receives.
 */
public record AuthorizerResponse(
        // Named explicitly: bean naming would otherwise turn isAuthorized() into "authorized".
        @JsonProperty("isAuthorized") boolean isAuthorized,
        @JsonProperty("context") Map<String, Object> context) {

    public static final String USER_ID = "userId";

    public AuthorizerResponse {
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public static AuthorizerResponse allow(String userId) {
        return new AuthorizerResponse(true, Map.of(USER_ID, userId));
    }

    public static AuthorizerResponse deny() {
        return new AuthorizerResponse(false, Map.of());
    }
}
