package app.tradebot.platform.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;

/**
 * What a handler may know about its request besides the body, read from the HTTP API v2 event.
 * Header names are lower-case. {@code authenticatedUserId} is the {@code userId} the authorizer
 * put into {@code requestContext.authorizer.lambda}; null on public routes.
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        String clientIp,
        String userAgent,
        String requestId,
        UUID authenticatedUserId) {

    public ApiRequest {
        pathParameters = copy(pathParameters, false);
        queryParameters = copy(queryParameters, false);
        headers = copy(headers, true);
    }

    public static ApiRequest from(APIGatewayV2HTTPEvent event) {
        RequestContext context = event.getRequestContext();
        RequestContext.Http http = context == null ? null : context.getHttp();
        Map<String, String> headers = copy(event.getHeaders(), true);
        String userAgent = http != null && http.getUserAgent() != null ? http.getUserAgent() : headers.get("user-agent");
        String path = event.getRawPath() != null ? event.getRawPath() : http == null ? null : http.getPath();
        return new ApiRequest(
                http == null ? null : http.getMethod(),
                path,
                event.getPathParameters(),
                event.getQueryStringParameters(),
                headers,
                http == null ? null : http.getSourceIp(),
                userAgent,
                context == null ? null : context.getRequestId(),
                authorizedUser(context));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    /** A path parameter the route declares, such as {@code {id}}. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new NotFound("No such resource.");
        }
        return value;
    }

    /** A path parameter that names something by id: anything that is not a UUID names nothing. */
    public UUID pathId(String name) {
        String value = pathParameter(name);
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        }
        catch (IllegalArgumentException e) {
            // fall through
        }
        throw new NotFound("No such resource.");
    }

    /** The signed-in user; only routes behind the authorizer have one. */
    public UUID userId() {
        if (authenticatedUserId == null) {
            throw new Unauthorized("Sign in to do this.");
        }
        return authenticatedUserId;
    }

    /** The token of an {@code Authorization: Bearer <token>} header, if there is one. */
    public Optional<String> bearerToken() {
        return header("authorization").flatMap(value -> {
            String trimmed = value.trim();
            int space = trimmed.indexOf(' ');
            if (space < 0 || !trimmed.substring(0, space).equalsIgnoreCase("bearer")) {
                return Optional.empty();
            }
            String token = trimmed.substring(space + 1).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        });
    }

    private static UUID authorizedUser(RequestContext context) {
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getLambda() == null) {
            return null;
        }
        Object value = context.getAuthorizer().getLambda().get(AuthorizerResponse.USER_ID);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.toString());
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> copy(Map<String, String> source, boolean lowerCaseKeys) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>();
        source.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(lowerCaseKeys ? key.toLowerCase(Locale.ROOT) : key, value);
            }
        });
        return Map.copyOf(copy);
    }
}
