package app.tradebot.platform.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import app.tradebot.runtime.RequestIds;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ApiFunctionsTest {

    enum Side { BUY, SELL }

    record Item(@NotBlank String name) {
    }

    record OrderRequest(@NotBlank String symbol, @NotNull @Positive BigDecimal quantity, int leverage, boolean reduceOnly,
            Side side, @Size(max = 2) List<@Valid Item> items) {
    }

    record OrderView(UUID id, String symbol, BigDecimal quantity) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final ApiFunctions http = new ApiFunctions(json, Validation.buildDefaultValidatorFactory().getValidator());
    private final List<OrderRequest> received = new ArrayList<>();
    private final UUID orderId = UUID.randomUUID();

    private final ApiFunction placeOrder = http.of(OrderRequest.class, OrderView.class, 201, (body, request) -> {
        received.add(body);
        return new OrderView(orderId, body.symbol(), body.quantity());
    });

    private static final String VALID = """
            {"symbol":"BTCUSDT","quantity":"0.5","leverage":3,"reduceOnly":false,"side":"BUY","items":[{"name":"a"}]}""";

    @Test
    void aValidBodyReachesTheHandlerAndTheAnswerIsJson() {
        APIGatewayV2HTTPResponse response = placeOrder.apply(ApiEvents.post("/api/orders", VALID).event());

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("id").asString()).isEqualTo(orderId.toString());
        assertThat(body.get("symbol").asString()).isEqualTo("BTCUSDT");
        assertThat(new BigDecimal(body.get("quantity").asString())).isEqualByComparingTo("0.5");
        assertThat(received).containsExactly(new OrderRequest("BTCUSDT", new BigDecimal("0.5"), 3, false, Side.BUY,
                List.of(new Item("a"))));
    }

    @Test
    void aBase64EncodedBodyIsDecoded() {
        APIGatewayV2HTTPResponse response = placeOrder.apply(ApiEvents.post("/api/orders", VALID).base64Encoded().event());

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(received).extracting(OrderRequest::symbol).containsExactly("BTCUSDT");
    }

    @Test
    void invalidBase64IsTheCallersMistake() {
        var event = ApiEvents.post("/api/orders", "not base64 at all!").event();
        event.setIsBase64Encoded(true);

        assertProblem(placeOrder.apply(event), 400, "The request body is not valid base64.");
        assertThat(received).isEmpty();
    }

    @Test
    void malformedJsonIs400WithoutFieldErrors() {
        for (String malformed : List.of("{\"symbol\":", "{symbol: 1}", "{\"a\":1} trailing", "{\"symbol\":\"x\",\"symbol\":\"y\"}",
                "\u0000", "{\"symbol\":\"BTC\"")) {
            APIGatewayV2HTTPResponse response = placeOrder.apply(ApiEvents.post("/api/orders", malformed).event());

            JsonNode problem = assertProblem(response, 400, "The request body is not valid JSON.");
            assertThat(problem.has("errors")).as(malformed).isFalse();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        for (String notAnObject : List.of("[]", "\"text\"", "42", "null", "true")) {
            assertProblem(placeOrder.apply(ApiEvents.post("/api/orders", notAnObject).event()), 400,
                    "The request body must be a JSON object.");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aMissingBodyOnARouteThatTakesOneIs400() {
        assertProblem(placeOrder.apply(ApiEvents.post("/api/orders", null).event()), 400, "A JSON request body is required.");
        assertProblem(placeOrder.apply(ApiEvents.post("/api/orders", "  \n").event()), 400, "A JSON request body is required.");
        assertThat(received).isEmpty();
    }

    @Test
    void extraFieldsAreListed() {
        String body = VALID.replaceFirst("\\{", "{\"admin\":true,\"userId\":\"x\",");

        JsonNode problem = assertProblem(placeOrder.apply(ApiEvents.post("/api/orders", body).event()), 400,
                "The request has invalid fields.");

        assertThat(errors(problem)).containsExactly(
                Map.entry("admin", "is not a known field"),
                Map.entry("userId", "is not a known field"));
        assertThat(received).isEmpty();
    }

    @Test
    void missingFieldsAreListed() {
        JsonNode problem = assertProblem(placeOrder.apply(ApiEvents.post("/api/orders", "{}").event()), 400,
                "The request has invalid fields.");

        assertThat(errors(problem)).containsExactly(
                Map.entry("leverage", "is required"),
                Map.entry("quantity", "must not be null"),
                Map.entry("reduceOnly", "is required"),
                Map.entry("symbol", "must not be blank"));
        assertThat(received).isEmpty();
    }

    @Test
    void wrongTypedFieldsAreListed() {
        String body = """
                {"symbol":42,"quantity":true,"leverage":"3","reduceOnly":"no","side":"HOLD","items":{"name":"a"}}""";

        JsonNode problem = assertProblem(placeOrder.apply(ApiEvents.post("/api/orders", body).event()), 400,
                "The request has invalid fields.");

        assertThat(errors(problem)).containsExactly(
                Map.entry("items", "must be an array"),
                Map.entry("leverage", "must be an integer"),
                Map.entry("quantity", "must be a number"),
                Map.entry("reduceOnly", "must be true or false"),
                Map.entry("side", "must be one of [BUY, SELL]"),
                Map.entry("symbol", "must be a string"));
        assertThat(received).isEmpty();
    }

    @Test
    void floatsForIntegersAndNullsForPrimitivesAreWrongTypes() {
        String body = VALID.replace("\"leverage\":3", "\"leverage\":2.5").replace("\"reduceOnly\":false", "\"reduceOnly\":null");

        JsonNode problem = assertProblem(placeOrder.apply(ApiEvents.post("/api/orders", body).event()), 400,
                "The request has invalid fields.");

        assertThat(errors(problem)).containsExactly(
                Map.entry("leverage", "must be an integer"),
                Map.entry("reduceOnly", "must not be null"));
    }

    @Test
    void everyKindOfMistakeIsReportedInOneAnswer() {
        String body = """
                {"symbol":"","quantity":-1,"leverage":"x","extra":1,"items":[{"name":""},{"name":"b"},{"name":"c"},{"nope":1}]}""";

        JsonNode problem = assertProblem(placeOrder.apply(ApiEvents.post("/api/orders", body).event()), 400,
                "The request has invalid fields.");

        assertThat(errors(problem)).containsExactly(
                Map.entry("extra", "is not a known field"),
                Map.entry("items[3].nope", "is not a known field"),
                Map.entry("leverage", "must be an integer"),
                Map.entry("quantity", "must be greater than 0"),
                Map.entry("reduceOnly", "is required"),
                Map.entry("symbol", "must not be blank"));
    }

    @Test
    void nestedRecordsAreValidatedToo() {
        String body = VALID.replace("[{\"name\":\"a\"}]", "[{\"name\":\"a\"},{\"name\":\" \"}]");

        JsonNode problem = assertProblem(placeOrder.apply(ApiEvents.post("/api/orders", body).event()), 400,
                "The request has invalid fields.");

        assertThat(errors(problem)).containsExactly(Map.entry("items[1].name", "must not be blank"));
    }

    @Test
    void aRouteWithoutBodyAcceptsNothingOrAnEmptyObjectAndRefusesAnythingElse() {
        AtomicReference<Object> seen = new AtomicReference<>("untouched");
        ApiFunction ping = http.of(Void.class, Void.class, 204, (body, request) -> {
            seen.set(body);
            return null;
        });

        APIGatewayV2HTTPResponse empty = ping.apply(ApiEvents.post("/api/ping", null).event());
        assertThat(empty.getStatusCode()).isEqualTo(204);
        assertThat(empty.getBody()).isNull();
        assertThat(empty.getHeaders()).doesNotContainKey("Content-Type");
        assertThat(seen.get()).isNull();

        assertThat(ping.apply(ApiEvents.post("/api/ping", "{}").event()).getStatusCode()).isEqualTo(204);
        assertThat(ping.apply(ApiEvents.get("/api/ping").event()).getStatusCode()).isEqualTo(204);

        JsonNode extra = assertProblem(ping.apply(ApiEvents.request("GET", "/api/ping", "{\"x\":1}").event()), 400,
                "The request has invalid fields.");
        assertThat(errors(extra)).containsExactly(Map.entry("x", "is not a known field"));
        assertProblem(ping.apply(ApiEvents.post("/api/ping", "[1]").event()), 400, "This route takes no request body.");
        assertProblem(ping.apply(ApiEvents.post("/api/ping", "{oops").event()), 400, "The request body is not valid JSON.");
    }

    @Test
    void theHandlerSeesTheRequest() {
        AtomicReference<ApiRequest> seen = new AtomicReference<>();
        UUID user = UUID.randomUUID();
        ApiFunction probe = http.of(Void.class, Void.class, 204, (body, request) -> {
            seen.set(request);
            return null;
        });

        var event = ApiEvents.get("/api/bots/42").pathParameter("id", "42").header("X-Custom", "yes")
                .from("198.51.100.9").userAgent("Browser/2").authorizedAs(user).event();
        event.setQueryStringParameters(Map.of("page", "2"));
        probe.apply(event);

        ApiRequest request = seen.get();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/bots/42");
        assertThat(request.pathParameter("id")).isEqualTo("42");
        assertThat(request.query("page")).contains("2");
        assertThat(request.header("x-custom")).contains("yes");
        assertThat(request.header("X-CUSTOM")).contains("yes");
        assertThat(request.clientIp()).isEqualTo("198.51.100.9");
        assertThat(request.userAgent()).isEqualTo("Browser/2");
        assertThat(request.requestId()).isEqualTo(event.getRequestContext().getRequestId());
        assertThat(request.userId()).isEqualTo(user);
    }

    @Test
    void aRouteThatNeedsAUserAnswers401WithoutOne() {
        ApiFunction me = http.of(Void.class, OrderView.class, 200, (body, request) -> {
            request.userId();
            return null;
        });

        APIGatewayV2HTTPResponse response = me.apply(ApiEvents.get("/api/me").event());

        assertProblem(response, 401, "Sign in to do this.");
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
    }

    @Test
    void aMalformedIdInThePathIsNotFound() {
        ApiFunction show = http.of(Void.class, OrderView.class, 200, (body, request) -> {
            request.pathId("id");
            return null;
        });

        assertProblem(show.apply(ApiEvents.get("/api/orders/x").pathParameter("id", "1; drop table").event()), 404, "No such resource.");
    }

    @Test
    void aHandlersApiExceptionBecomesItsProblem() {
        ApiFunction busy = http.of(Void.class, Void.class, 204, (body, request) -> {
            throw new TooManyRequests("Slow down.", 30);
        });

        APIGatewayV2HTTPResponse response = busy.apply(ApiEvents.post("/api/busy", null).event());

        JsonNode problem = assertProblem(response, 429, "Slow down.");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/busy");
        assertThat(response.getHeaders()).containsEntry("Retry-After", "30");
    }

    @Test
    void anUnexpectedExceptionIsABare500() {
        ApiFunction broken = http.of(Void.class, Void.class, 204, (body, request) -> {
            throw new IllegalStateException("connection to db-internal.example:5432 refused, password=hunter2");
        });

        var event = ApiEvents.post("/api/broken", null).event();
        APIGatewayV2HTTPResponse response = broken.apply(event);

        JsonNode problem = assertProblem(response, 500,
                "Something went wrong on our side (request id " + event.getRequestContext().getRequestId() + ").");
        assertThat(response.getBody()).doesNotContain("IllegalStateException", "db-internal", "hunter2", "at app.");
    }

    @Test
    void aNullEventDoesNotBreakTheFunction() {
        assertProblem(placeOrder.apply(null), 400, "A JSON request body is required.");
    }

    @Test
    void theFunctionTellsItsTypesAndStatus() {
        assertThat(placeOrder.requestType()).isEqualTo(OrderRequest.class);
        assertThat(placeOrder.responseType()).isEqualTo(OrderView.class);
        assertThat(placeOrder.successStatus()).isEqualTo(201);
    }

    private JsonNode assertProblem(APIGatewayV2HTTPResponse response, int status, String detail) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo(Problems.title(status));
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
        return problem;
    }

    private static List<Map.Entry<String, String>> errors(JsonNode problem) {
        List<Map.Entry<String, String>> errors = new ArrayList<>();
        problem.get("errors").forEach(error -> errors.add(Map.entry(error.get("field").asString(), error.get("message").asString())));
        return errors;
    }

    // --- request id in the logs ------------------------------------------------------------

    @Test
    void inALambdaTheHandlersLogLinesCarryApiGatewaysRequestId() {
        AtomicReference<String> seen = new AtomicReference<>();
        ApiFunction logging = http.of(Void.class, Void.class, 204, (body, request) -> {
            seen.set(MDC.get(RequestIds.MDC_KEY));
            return null;
        });
        APIGatewayV2HTTPEvent event = ApiEvents.get("/api/ping").event();

        logging.apply(event);

        assertThat(seen.get()).isEqualTo(event.getRequestContext().getRequestId());
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
    }

    @Test
    void behindTheGatewayItsRequestIdStays() {
        AtomicReference<String> seen = new AtomicReference<>();
        ApiFunction logging = http.of(Void.class, Void.class, 204, (body, request) -> {
            seen.set(MDC.get(RequestIds.MDC_KEY));
            throw new IllegalStateException("boom");
        });
        MDC.put(RequestIds.MDC_KEY, "gateway-id");
        try {
            assertThat(logging.apply(ApiEvents.get("/api/ping").event()).getStatusCode()).isEqualTo(500);

            assertThat(seen.get()).isEqualTo("gateway-id");
            assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("gateway-id");
        }
        finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
