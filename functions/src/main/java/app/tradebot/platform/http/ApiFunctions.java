package app.tradebot.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.validation.Validator;
import app.tradebot.runtime.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Makes HttpApi functions out of typed handlers, so that every route reads, validates and answers
 * the same way:
 * <pre>
 * &#64;Bean
 * ApiFunction register(ApiFunctions http, Registration registration) {
 *     return http.of(RegisterRequest.class, UserView.class, 201, registration::register);
 * }
 * </pre>
 * The body is strict JSON (base64-decoded when the event says so); unknown, missing and
 * wrong-typed fields and jakarta.validation violations come back as one 400 listing every field.
 * An {@link ApiException} becomes its problem; a server that cannot be reached (PostgreSQL, Redis,
 * RabbitMQ: {@link DependencyFailures}) a 503 with {@code Retry-After}; anything else a bare 500,
 * logged with the request id. Uploads of text (CSV) take {@link #ofText} instead. A {@code BigDecimal} is a JSON
 * string both ways ({@link DecimalStrings}).
 */
@Component
public class ApiFunctions {

    public static final String JSON_MEDIA_TYPE = "application/json";

    /**
     * The largest JSON body a route takes: far above any form the API reads (a backtest with every
     * option is under 2 KiB), small enough that no body costs real work to parse. Uploads
     * ({@link #ofText}) name their own limit.
     */
    public static final long JSON_MAX_BODY_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ApiFunctions.class);

    private final JsonMapper json;
    private final JsonBodies bodies;

    public ApiFunctions(JsonMapper json, Validator validator) {
        // Every answer and every body goes through this mapper, so decimals are strings on the whole API.
        this.json = json.rebuild().addModule(DecimalStrings.module()).build();
        this.bodies = new JsonBodies(this.json, validator);
    }

    /**
     * @param requestType   the body's record type, or {@code Void.class} for routes without a body
     *                      (then nothing or {@code {}} is accepted and the handler gets {@code null})
     * @param responseType  the answer's record type, or {@code Void.class} for none
     * @param successStatus 200, 201, 202 or 204 (204 and {@code Void.class} answer without a body)
     */
    public <I, O> ApiFunction of(Class<I> requestType, Class<O> responseType, int successStatus, ApiHandler<I, O> handler) {
        if (successStatus < 200 || successStatus > 299) {
            throw new IllegalArgumentException("success status must be 2xx: " + successStatus);
        }
        return new TypedApiFunction<>(requestType, responseType, successStatus, handler, JSON_MEDIA_TYPE,
                JSON_MAX_BODY_BYTES);
    }

    /**
     * A route whose body is text of one media type (an upload such as {@code text/csv}), handed to
     * the handler as a UTF-8 string. Another Content-Type is a 415, an empty body a 400; the answer
     * is JSON as with {@link #of}.
     *
     * @param mediaType    the only Content-Type accepted, parameters such as {@code charset} aside
     * @param maxBodyBytes the largest body the route takes (the gateway refuses larger ones before reading them)
     */
    public <O> ApiFunction ofText(String mediaType, long maxBodyBytes, Class<O> responseType, int successStatus,
            ApiHandler<String, O> handler) {
        String expected = mediaType.toLowerCase(Locale.ROOT);
        ApiHandler<String, O> checked = (body, request) -> {
            String contentType = request.header("content-type").orElse("");
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!type.equals(expected)) {
                throw new UnsupportedMediaType("The request body must be " + mediaType + ", not "
                        + (type.isEmpty() ? "missing" : type) + ".");
            }
            if (body.isBlank()) {
                throw new Invalid("A " + mediaType + " request body is required.");
            }
            return handler.handle(body, request);
        };
        return new TypedApiFunction<>(String.class, responseType, successStatus, checked, mediaType, maxBodyBytes);
    }

    private final class TypedApiFunction<I, O> implements ApiFunction {

        private final Class<I> requestType;
        private final Class<O> responseType;
        private final int successStatus;
        private final ApiHandler<I, O> handler;
        private final String requestMediaType;
        private final long maxBodyBytes;

        TypedApiFunction(Class<I> requestType, Class<O> responseType, int successStatus, ApiHandler<I, O> handler,
                String requestMediaType, long maxBodyBytes) {
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("the body limit must be positive: " + maxBodyBytes);
            }
            this.requestType = requestType;
            this.responseType = responseType;
            this.successStatus = successStatus;
            this.handler = handler;
            this.requestMediaType = requestMediaType;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
            APIGatewayV2HTTPEvent request = event == null ? new APIGatewayV2HTTPEvent() : event;
            ApiRequest view = ApiRequest.from(request);
            // The gateway has put the request id in the MDC already; in a Lambda it is API Gateway's.
            boolean tagged = MDC.get(RequestIds.MDC_KEY) == null && RequestIds.isSane(view.requestId());
            if (tagged) {
                MDC.put(RequestIds.MDC_KEY, view.requestId());
            }
            try {
                checkParameters(view);
                I body = body(request);
                O result = handler.handle(body, view);
                return success(result);
            }
            catch (ApiException e) {
                return Problems.response(e, view.path());
            }
            catch (RuntimeException e) {
                Optional<String> missing = DependencyFailures.unavailable(e);
                if (missing.isPresent()) {
                    log.warn("{} {}: {} cannot be reached (request id {}): {}", view.method(), view.path(),
                            missing.get(), view.requestId(), e.toString());
                    return Problems.response(503, missing.get() + " cannot be reached right now; try again shortly.",
                            view.path(), DependencyFailures.headers());
                }
                log.error("Unexpected failure answering {} {} (request id {})", view.method(), view.path(), view.requestId(), e);
                return Problems.unexpected(view.path(), view.requestId());
            }
            finally {
                if (tagged) {
                    MDC.remove(RequestIds.MDC_KEY);
                }
            }
        }

        private I body(APIGatewayV2HTTPEvent event) {
            byte[] raw = raw(event);
            if (raw.length > maxBodyBytes) {
                throw new PayloadTooLarge(maxBodyBytes);
            }
            if (requestType == String.class) {
                return requestType.cast(new String(raw, StandardCharsets.UTF_8));
            }
            if (!isBlank(raw)) {
                requireJson(event);
            }
            if (requestType == Void.class) {
                bodies.requireEmpty(raw);
                return null;
            }
            if (isBlank(raw)) {
                throw new Invalid("A JSON request body is required.");
            }
            return bodies.read(raw, requestType);
        }

        private APIGatewayV2HTTPResponse success(O result) {
            APIGatewayV2HTTPResponse.APIGatewayV2HTTPResponseBuilder response = APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(successStatus)
                    .withIsBase64Encoded(false);
            if (successStatus == 204 || responseType == Void.class || result == null) {
                return response.withHeaders(Map.of()).build();
            }
            return response.withHeaders(Map.of("Content-Type", JSON_MEDIA_TYPE))
                    .withBody(json.writeValueAsString(result))
                    .build();
        }

        @Override
        public Class<?> requestType() {
            return requestType;
        }

        @Override
        public Class<?> responseType() {
            return responseType;
        }

        @Override
        public int successStatus() {
            return successStatus;
        }

        @Override
        public String requestMediaType() {
            return requestMediaType;
        }

        @Override
        public long maxBodyBytes() {
            return maxBodyBytes;
        }
    }

    /**
     * For a function that reads no input and is not made here (health): a body, or a parameter with
     * control characters, is refused the way every other route refuses it.
     */
    public static Optional<Invalid> refusalOfInput(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            return Optional.empty();
        }
        try {
            checkParameters(ApiRequest.from(event));
            if (!isBlank(raw(event))) {
                return Optional.of(new Invalid("This route takes no request body."));
            }
        }
        catch (Invalid e) {
            return Optional.of(e);
        }
        return Optional.empty();
    }

    /** Query and path parameters are text fields too: no control characters (a NUL would reach PostgreSQL). */
    private static void checkParameters(ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();
        checkParameters(request.queryParameters(), errors);
        checkParameters(request.pathParameters(), errors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new Invalid("The request has invalid parameters.", errors);
        }
    }

    private static void checkParameters(Map<String, String> parameters, List<FieldError> errors) {
        parameters.forEach((name, value) -> {
            if (JsonBodies.hasControlCharacters(name)) {
                errors.add(new FieldError("query", "has a parameter name with control characters"));
            }
            else if (JsonBodies.hasControlCharacters(value)) {
                errors.add(new FieldError(name, JsonBodies.CONTROL_CHARACTERS));
            }
        });
    }

    /** A JSON body must say it is JSON: {@code application/json} or a {@code +json} type. */
    private static void requireJson(APIGatewayV2HTTPEvent event) {
        String contentType = header(event, "content-type");
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = type.equals(JSON_MEDIA_TYPE) || (type.startsWith("application/") && type.endsWith("+json"));
        if (!json) {
            throw new UnsupportedMediaType("The request body must be " + JSON_MEDIA_TYPE + ", not "
                    + (type.isEmpty() ? "missing" : type) + ".");
        }
    }

    private static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static byte[] raw(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        }
        catch (IllegalArgumentException e) {
            throw new Invalid("The request body is not valid base64.");
        }
    }

    private static boolean isBlank(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
