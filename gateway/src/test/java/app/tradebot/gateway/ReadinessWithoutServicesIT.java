package app.tradebot.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker and scheduler (Compose's containers) whose Redis and RabbitMQ are gone: readiness,
 * which Compose's healthcheck asks, is DOWN (503) naming them; liveness stays UP, since
 * restarting the process would not bring them back.
 */
@SpringBootTest(classes = LauncherTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tradebot.roles=worker,scheduler",
            "management.server.port=0"
        })
// Its consumers retry the closed broker port until the context closes.
@DirtiesContext
class ReadinessWithoutServicesIT {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        TestServices.registerDatabase(registry);
        int closed = closedPort();
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + closed);
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", () -> closed);
    }

    @LocalManagementPort
    int managementPort;

    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessIsDownNamingRedisAndRabbitMq() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode body = json.readTree(readiness.body());
        assertThat(body.get("status").asString()).isEqualTo("DOWN");
        assertThat(body.get("components").get("redis").get("status").asString()).isEqualTo("DOWN");
        assertThat(body.get("components").get("rabbit").get("status").asString()).isEqualTo("DOWN");
        assertThat(body.get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(body.get("components").get("readinessState").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessStaysUp() throws Exception {
        HttpResponse<String> liveness = get("/actuator/health/liveness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void theWholeHealthIsDownToo() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
    }

    @Test
    void theConsumerLagIsUnknownRatherThanZero() throws Exception {
        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        OptionalDouble lag = new PrometheusScrape(scrape.body()).value("tradebot_queue_ready_messages",
                Map.of("queue", "audit-events"));
        assertThat(lag).isPresent();
        assertThat(lag.getAsDouble()).isNaN();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET().build(),
                BodyHandlers.ofString());
    }

    /** A loopback port nothing listens on: connections are refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
