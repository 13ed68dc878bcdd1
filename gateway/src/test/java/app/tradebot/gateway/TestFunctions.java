package app.tradebot.gateway;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import app.tradebot.platform.http.ApiFunction;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The functions of gateway-template.yaml. Most answer with the very event they received, as JSON,
 * so the tests can assert on what the gateway built. A test configuration, so that a test starting
 * the launcher, whose scan would find it, never meets this second {@code authorize}.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestFunctions {

    static final String GOOD_TOKEN = "Bearer good-token";
    static final String EXPLODING_TOKEN = "Bearer explode";
    static final String USER_ID = "7d0b6c4e-52a3-4c1e-9a59-2f0f1f3c9e11";
    static final byte[] DOWNLOAD = { 0, 1, 2, (byte) 0xfe, (byte) 0xff, 'T', 'B' };

    record EchoRequest(@NotBlank @Email String email, @NotNull @Size(min = 10, max = 72) String password,
            @Min(1) @Max(10) int count, BigDecimal amount, List<Tag> tags, UUID ref, Instant at,
            @Pattern(regexp = "^[A-Z]+$") String code) {
    }

    record Tag(@NotBlank String name) {
    }

    record EchoResponse(UUID id, Instant createdAt, Tag tag) {
    }

    record Note(UUID id, String text) {
    }

    @Bean
    ApiFunction echo(JsonMapper json) {
        return api(EchoRequest.class, EchoResponse.class, 200, event -> echoed(json, event));
    }

    @Bean
    ApiFunction showNote(JsonMapper json) {
        return api(Void.class, Note.class, 200, event -> echoed(json, event));
    }

    @Bean
    ApiFunction showLatestNote(JsonMapper json) {
        return api(Void.class, Note.class, 200, event -> echoed(json, event));
    }

    /** Not an ApiFunction: the OpenAPI document must still list its route. */
    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> readFile(JsonMapper json) {
        return event -> echoed(json, event);
    }

    @Bean
    ApiFunction whoAmI(JsonMapper json) {
        return api(Void.class, Void.class, 200, event -> echoed(json, event));
    }

    @Bean
    ApiFunction fail() {
        return api(Void.class, Void.class, 200, event -> {
            throw new IllegalStateException("secret detail that must not leak");
        });
    }

    @Bean
    ApiFunction answerNothing() {
        return api(Void.class, Void.class, 204, event -> null);
    }

    @Bean
    ApiFunction download() {
        return api(Void.class, Void.class, 200, event -> APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/octet-stream", "X-Request-Id", "forged-by-function"))
                .withMultiValueHeaders(Map.of("X-Multi", List.of("one", "two")))
                .withCookies(List.of("a=1; Path=/", "b=2; HttpOnly"))
                .withBody(java.util.Base64.getEncoder().encodeToString(DOWNLOAD))
                .withIsBase64Encoded(true)
                .build());
    }

    @Bean
    ApiFunction limited() {
        return api(Void.class, Void.class, 200, event -> APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200).withHeaders(Map.of("Content-Type", "text/plain")).withBody("ok").build());
    }

    /**
     * Accepts only {@link #GOOD_TOKEN}, throws on {@link #EXPLODING_TOKEN}; puts what it was given
     * (type, routeArn, identitySource) into the context so the tests see the authorizer's payload.
     */
    /** How many times the authorizer ran, so tests can tell the gateway did not call it. */
    record AuthorizerCalls(AtomicInteger count) {
    }

    @Bean
    AuthorizerCalls authorizerCalls() {
        return new AuthorizerCalls(new AtomicInteger());
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, Map<String, Object>> authorize(JsonMapper json, AuthorizerCalls calls) {
        return event -> {
            calls.count().incrementAndGet();
            String token = event.getHeaders().get("authorization");
            if (EXPLODING_TOKEN.equals(token)) {
                throw new IllegalStateException("authorizer broke");
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("isAuthorized", GOOD_TOKEN.equals(token));
            if (GOOD_TOKEN.equals(token)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = json.convertValue(event, Map.class);
                Map<String, Object> context = new LinkedHashMap<>();
                context.put("userId", USER_ID);
                context.put("type", payload.get("type"));
                context.put("routeArn", payload.get("routeArn"));
                context.put("identitySource", payload.get("identitySource"));
                context.put("bodySeen", payload.get("body"));
                answer.put("context", context);
            }
            return answer;
        };
    }

    private static APIGatewayV2HTTPResponse echoed(JsonMapper json, APIGatewayV2HTTPEvent event) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(json.writeValueAsString(event))
                .build();
    }

    private static ApiFunction api(Class<?> requestType, Class<?> responseType, int successStatus,
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> body) {
        return new ApiFunction() {

            @Override
            public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
                return body.apply(event);
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
        };
    }
}
