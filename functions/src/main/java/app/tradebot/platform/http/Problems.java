package app.tradebot.platform.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place that turns a failure into an RFC 9457 {@code application/problem+json} response:
 * used by every HttpApi function (through {@link ApiFunctions}), by health for its 503 and by the
 * gateway for its own 401/404/405/413/429/5xx. The type is {@code about:blank}, so the title is the status's phrase and
 * the detail says what went wrong in words meant for the caller.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE = "about:blank";

    // Problems are plain records: no need for the application's configured mapper.
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance", "errors");

    private Problems() {
    }

    /** A caller's mistake, with the headers its status calls for. */
    public static APIGatewayV2HTTPResponse response(ApiException exception, String instance) {
        return response(problem(exception.status(), exception.detail(), instance, exception.errors()), exception.headers());
    }

    public static APIGatewayV2HTTPResponse response(int status, String detail, String instance) {
        return response(problem(status, detail, instance, List.of()), Map.of());
    }

    /** For example 405 with {@code Allow}, 429 with {@code Retry-After}, 401 with {@code WWW-Authenticate}. */
    public static APIGatewayV2HTTPResponse response(int status, String detail, String instance, Map<String, String> headers) {
        return response(problem(status, detail, instance, List.of()), headers);
    }

    public static APIGatewayV2HTTPResponse response(Problem problem, Map<String, String> headers) {
        return response(problem, Map.of(), headers);
    }

    /**
     * A problem with extension members (RFC 9457 section 3.2) after the standard ones, such as
     * health's {@code checks}. An extension may not reuse a standard member's name.
     */
    public static APIGatewayV2HTTPResponse response(Problem problem, Map<String, ?> extensions, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", MEDIA_TYPE);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(problem.status())
                .withHeaders(all)
                .withBody(extensions.isEmpty() ? json(problem) : json(problem, extensions))
                .withIsBase64Encoded(false)
                .build();
    }

    /** 500 for whatever we did not foresee: nothing about the failure itself leaves the process. */
    public static APIGatewayV2HTTPResponse unexpected(String instance, String requestId) {
        String detail = requestId == null || requestId.isBlank()
                ? "Something went wrong on our side."
                : "Something went wrong on our side (request id " + requestId + ").";
        return response(500, detail, instance);
    }

    public static Problem problem(int status, String detail, String instance, List<FieldError> errors) {
        return new Problem(TYPE, title(status), status, detail, instance, errors);
    }

    public static String json(Problem problem) {
        return JSON.writeValueAsString(problem);
    }

    private static String json(Problem problem, Map<String, ?> extensions) {
        ObjectNode body = JSON.valueToTree(problem);
        extensions.forEach((name, value) -> {
            if (MEMBERS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is a standard problem member, not an extension");
            }
            body.set(name, JSON.valueToTree(value));
        });
        return JSON.writeValueAsString(body);
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
