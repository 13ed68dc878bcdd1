package app.tradebot.platform.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class HealthFunctionTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final CountDownLatch never = new CountDownLatch(1);

    @Test
    void allUpIs200WithEveryCheck() {
        APIGatewayV2HTTPResponse response = health(() -> { }, () -> { }, () -> { }).apply(get());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").containsEntry("Cache-Control", "no-store");
        assertThat(json.readTree(response.getBody())).isEqualTo(json.readTree(
                "{\"status\":\"up\",\"checks\":{\"postgres\":\"up\",\"redis\":\"up\",\"rabbitmq\":\"up\"}}"));
    }

    @Test
    void aFailingCheckIs503ProblemNamingIt() {
        APIGatewayV2HTTPResponse response = health(() -> { }, () -> {
            throw new IllegalStateException("connection refused");
        }, () -> { }).apply(get());

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json")
                .containsEntry("Cache-Control", "no-store");
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.path("status").asInt()).isEqualTo(503);
        assertThat(body.path("title").asString()).isEqualTo("Service Unavailable");
        assertThat(body.path("detail").asString()).isEqualTo("Not answering: redis");
        assertThat(body.path("instance").asString()).isEqualTo("/health");
        assertThat(body.path("checks")).isEqualTo(json.readTree(
                "{\"postgres\":\"up\",\"redis\":\"down\",\"rabbitmq\":\"up\"}"));
        assertThat(response.getBody()).doesNotContain("connection refused");
    }

    @Test
    void aCheckThatHangsCountsAsDownAfterTheTimeout() {
        APIGatewayV2HTTPResponse response = health(never::await, () -> { }, never::await).apply(get());

        assertThat(response.getStatusCode()).isEqualTo(503);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.path("detail").asString()).isEqualTo("Not answering: postgres, rabbitmq");
        assertThat(body.path("checks").path("redis").asString()).isEqualTo("up");
    }

    private HealthFunction health(HealthFunction.Check postgres, HealthFunction.Check redis, HealthFunction.Check rabbit) {
        Map<String, HealthFunction.Check> checks = new LinkedHashMap<>();
        checks.put("postgres", postgres);
        checks.put("redis", redis);
        checks.put("rabbitmq", rabbit);
        return new HealthFunction(checks, Duration.ofMillis(200), json);
    }

    @Test
    void aBodyOrAControlCharacterInTheQueryIs400WithoutCheckingAnything() {
        java.util.concurrent.atomic.AtomicInteger checked = new java.util.concurrent.atomic.AtomicInteger();
        HealthFunction health = health(checked::incrementAndGet, checked::incrementAndGet, checked::incrementAndGet);
        APIGatewayV2HTTPEvent withBody = get();
        withBody.setBody("{\"x\":1}");
        APIGatewayV2HTTPEvent withNul = get();
        withNul.setQueryStringParameters(java.util.Map.of("probe", "a\u0000b"));

        APIGatewayV2HTTPResponse body = health.apply(withBody);
        APIGatewayV2HTTPResponse nul = health.apply(withNul);

        assertThat(body.getStatusCode()).isEqualTo(400);
        assertThat(nul.getStatusCode()).isEqualTo(400);
        assertThat(json.readTree(nul.getBody()).path("errors").get(0).path("field").asString()).isEqualTo("probe");
        assertThat(checked).hasValue(0);
    }

    private static APIGatewayV2HTTPEvent get() {
        return APIGatewayV2HTTPEvent.builder().withRawPath("/health").withRouteKey("GET /health").build();
    }
}
