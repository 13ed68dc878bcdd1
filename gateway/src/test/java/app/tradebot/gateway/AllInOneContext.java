package app.tradebot.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The all-in-one launcher as one Spring context playing gateway, worker and scheduler over the real
 * template, the real functions and the real services (never the embedded ones), serving real HTTP
 * on a random port. Closed after each test class: its worker consumes the real queues, and a
 * context left running in the cache would take messages meant for the next class's worker.
 */
@DirtiesContext
@SpringBootTest(classes = TradeBotLauncher.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tradebot.roles=gateway,worker,scheduler",
            "tradebot.environment=production",
            "tradebot.auth.secret-key=" + Lambdas.SECRET_KEY,
            "tradebot.health.timeout=15s",
            "tradebot.gateway.max-body-bytes=" + AllInOneContext.MAX_BODY_BYTES,
            "spring.datasource.hikari.maximum-pool-size=4"
        })
abstract class AllInOneContext {

    static final String USER_AGENT = "tradebot-it/1.0";
    /** Smaller than the default 6 MiB, so a test can send a body over it without a large upload. */
    static final int MAX_BODY_BYTES = 65536;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    StringRedisTemplate redis;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Headers come as name, value pairs. */
    HttpResponse<String> send(String method, String path, BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body)
                .header("User-Agent", USER_AGENT);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** Forgets the gateway's token bucket of a route, for tests that call one route more often than its throttle allows. */
    void refillThrottle(String routeKey) {
        redis.delete(RouteThrottle.KEY_PREFIX + routeKey);
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
