package app.tradebot.platform.health;

import java.time.Duration;

import app.tradebot.TestServices;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The health checks against the real services, and against ports where nothing listens. */
class HealthFunctionIT {

    static final String NOTHING_LISTENS = "127.0.0.1:1";

    private final JsonMapper json = JsonMapper.builder().build();
    private LettuceConnectionFactory redis;
    private CachingConnectionFactory rabbit;

    @AfterEach
    void close() {
        if (redis != null) {
            redis.destroy();
        }
        if (rabbit != null) {
            rabbit.destroy();
        }
    }

    @Test
    void theRealServicesAreUp() {
        APIGatewayV2HTTPResponse response = health(TestServices.dataSource(), TestServices.REDIS_URL,
                TestServices.RABBITMQ_URL).apply(get());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json.readTree(response.getBody())).isEqualTo(json.readTree(
                "{\"status\":\"up\",\"checks\":{\"postgres\":\"up\",\"redis\":\"up\",\"rabbitmq\":\"up\"}}"));
    }

    @Test
    void servicesThatDoNotAnswerAreNamed() {
        APIGatewayV2HTTPResponse response = health(new DriverManagerDataSource("jdbc:postgresql://" + NOTHING_LISTENS + "/x"),
                "redis://" + NOTHING_LISTENS, TestServices.RABBITMQ_URL).apply(get());

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.path("detail").asString()).isEqualTo("Not answering: postgres, redis");
        assertThat(body.path("checks")).isEqualTo(json.readTree(
                "{\"postgres\":\"down\",\"redis\":\"down\",\"rabbitmq\":\"up\"}"));
    }

    @Test
    void aBrokerThatDoesNotAnswerIsNamed() {
        APIGatewayV2HTTPResponse response = health(TestServices.dataSource(), TestServices.REDIS_URL,
                "amqp://guest:guest@" + NOTHING_LISTENS + "/%2F").apply(get());

        assertThat(response.getStatusCode()).isEqualTo(503);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.path("detail").asString()).isEqualTo("Not answering: rabbitmq");
    }

    private HealthFunction health(DriverManagerDataSource dataSource, String redisUrl, String rabbitUrl) {
        redis = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(redisUrl));
        redis.afterPropertiesSet();
        redis.start();
        rabbit = new CachingConnectionFactory(java.net.URI.create(rabbitUrl));
        return new HealthFunction(dataSource, redis, rabbit, json, Duration.ofSeconds(15));
    }

    private static APIGatewayV2HTTPEvent get() {
        return APIGatewayV2HTTPEvent.builder().withRawPath("/health").withRouteKey("GET /health").build();
    }
}
