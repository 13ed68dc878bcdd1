package app.tradebot.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The all-in-one process (gateway, worker and scheduler roles) as production runs it: probes and
 * Prometheus metrics on the management port only, JSON log lines that carry the request id from
 * the gateway through the function to the worker.
 */
@SpringBootTest(classes = LauncherTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tradebot.roles=gateway,worker,scheduler",
            "management.server.port=0",
            "tradebot.environment=production",
            "tradebot.auth.secret-key=observability-it-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "tradebot.metrics.queue-poll-interval=200ms",
            "logging.level.app.tradebot.platform.messaging=DEBUG",
            "logging.level.app.tradebot.auth=DEBUG"
        })
@ExtendWith(OutputCaptureExtension.class)
// Its worker consumes the shared queues: it must not outlive the class.
@DirtiesContext
class ObservabilityIT {

    static final String TIMER = "tradebot_function_invocations_seconds_count";
    static final String AUDIT_QUEUE = "audit-events";
    static final String AUDIT_BINDING = "recordAuditEvent-in-0";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JsonMapper json;

    @Autowired
    ConnectionFactory rabbit;

    @Autowired
    BindingsLifecycleController bindings;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    // --- probes ----------------------------------------------------------------------------

    @Test
    void readinessIsUpWithTheDatabaseRedisAndRabbitMqUp() throws Exception {
        HttpResponse<String> readiness = get(managementPort, "/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(readiness.body());
        assertThat(body.get("status").asString()).isEqualTo("UP");
        assertThat(names(body.get("components"))).containsExactlyInAnyOrder("readinessState", "db", "redis", "rabbit");
        body.get("components").forEach(component -> assertThat(component.get("status").asString()).isEqualTo("UP"));
    }

    @Test
    void livenessIsUpAndAsksNoDependency() throws Exception {
        HttpResponse<String> liveness = get(managementPort, "/actuator/health/liveness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void theActuatorIsNotOnTheMainPort() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness")) {
            assertThat(get(port, path).statusCode()).as(path).isEqualTo(404);
        }
    }

    // --- metrics ---------------------------------------------------------------------------

    @Test
    void requestsTheGatewayAnswersAndThoseSpringMvcServesAreBothInTheHttpServerMetrics() throws Exception {
        Map<String, String> ok = Map.of("method", "GET", "status", "200", "outcome", "SUCCESS", "uri", "UNKNOWN",
                "exception", "none", "error", "none");
        Map<String, String> badInput = Map.of("method", "POST", "status", "400", "outcome", "CLIENT_ERROR",
                "uri", "UNKNOWN", "exception", "none", "error", "none");
        Map<String, String> noRoute = Map.of("method", "GET", "status", "404", "outcome", "CLIENT_ERROR",
                "uri", "NOT_FOUND", "exception", "none", "error", "none");
        Map<String, String> docs = Map.of("method", "GET", "status", "200", "uri", ApiDocs.OPENAPI);
        PrometheusScrape before = scrape();

        assertThat(get(port, "/health").statusCode()).isEqualTo(200);
        assertThat(post("/api/auth/login", "{\"email\":", Map.of()).statusCode()).isEqualTo(400);
        assertThat(get(port, "/api/no-such-route").statusCode()).isEqualTo(404);
        // Served by Spring MVC behind the gateway, and observed there with its route.
        assertThat(get(port, ApiDocs.OPENAPI).statusCode()).isEqualTo(200);

        PrometheusScrape after = scrape();
        assertThat(httpRequests(after, ok)).isEqualTo(httpRequests(before, ok) + 1);
        assertThat(httpRequests(after, docs)).isEqualTo(httpRequests(before, docs) + 1);
        assertThat(httpRequests(after, badInput)).isEqualTo(httpRequests(before, badInput) + 1);
        assertThat(httpRequests(after, noRoute)).isEqualTo(httpRequests(before, noRoute) + 1);
        assertThat(after.find("http_server_requests_active_seconds_count", Map.of("method", "GET"))).isNotEmpty();
    }

    @Test
    void aGatewayCallIsTimedUnderItsFunctionWithItsOutcome() throws Exception {
        Map<String, String> healthOk = Map.of("function", "health", "trigger", "http", "outcome", "SUCCESS",
                "exception", "none");
        Map<String, String> loginBad = Map.of("function", "login", "trigger", "http", "outcome", "CLIENT_ERROR",
                "exception", "none");
        double healthBefore = count(scrape(), healthOk);
        double loginBefore = count(scrape(), loginBad);

        assertThat(get(port, "/health").statusCode()).isEqualTo(200);
        assertThat(post("/api/auth/login", "{\"email\":", Map.of()).statusCode()).isEqualTo(400);

        PrometheusScrape after = scrape();
        assertThat(count(after, healthOk)).isEqualTo(healthBefore + 1);
        assertThat(count(after, loginBad)).isEqualTo(loginBefore + 1);
        // Latency buckets for quantiles, from the SLO boundaries of observability.properties.
        assertThat(after.find("tradebot_function_invocations_seconds_bucket", healthOk))
                .extracting(s -> s.labels().get("le"))
                .contains("0.01", "0.1", "1.0", "30.0", "+Inf");
    }

    @Test
    void theAuthorizerIsTimedToo() throws Exception {
        Map<String, String> authorizer = Map.of("function", "authorize", "trigger", "http", "outcome", "SUCCESS");
        double before = count(scrape(), authorizer);

        HttpResponse<String> me = send(HttpRequest.newBuilder(uri(port, "/api/auth/me"))
                .header("Authorization", "Bearer not-a-token").GET());

        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(count(scrape(), authorizer)).isEqualTo(before + 1);
    }

    @Test
    void aConsumedMessageIsTimedUnderItsFunction() throws Exception {
        Map<String, String> recorded = Map.of("function", "recordAuditEvent", "trigger", "queue", "outcome", "SUCCESS",
                "exception", "none");
        Map<String, String> undecodable = Map.of("function", "recordAuditEvent", "trigger", "queue",
                "outcome", "CLIENT_ERROR", "exception", "UndecodableMessage");
        double recordedBefore = count(scrape(), recorded);
        double undecodableBefore = count(scrape(), undecodable);

        assertThat(register(UUID.randomUUID() + "@example.com", "obs-" + UUID.randomUUID()).statusCode()).isEqualTo(201);
        publish("not json");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusScrape now = scrape();
            assertThat(count(now, recorded)).isEqualTo(recordedBefore + 1);
            assertThat(count(now, undecodable)).isEqualTo(undecodableBefore + 1);
        });
    }

    @Test
    void theConsumerLagGaugeCountsTheMessagesWaitingForTheWorker() throws Exception {
        Map<String, String> lag = Map.of("queue", AUDIT_QUEUE, "function", "recordAuditEvent");
        bindings.changeState(AUDIT_BINDING, BindingsLifecycleController.State.STOPPED);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> gauge(lag) == 0.0);
            for (int i = 0; i < 3; i++) {
                publish(auditEvent(UUID.randomUUID()));
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> gauge(lag) == 3.0);
        }
        finally {
            bindings.changeState(AUDIT_BINDING, BindingsLifecycleController.State.STARTED);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge(lag) == 0.0);
        assertThat(scrape().value("tradebot_queue_dead_letter_messages",
                Map.of("queue", AUDIT_QUEUE + ".dlq", "function", "recordAuditEvent"))).isPresent();
        assertThat(scrape().value("tradebot_queue_ready_messages",
                Map.of("queue", "schedule.purgeAuditEvents", "function", "purgeAuditEvents"))).isPresent();
    }

    @Test
    void theSchedulersFiresAndMissesAreThereBeforeAnyTick() throws Exception {
        PrometheusScrape scrape = scrape();

        assertThat(scrape.value("tradebot_scheduler_fires_total", Map.of("job", "purgeAuditEvents.Daily")))
                .as(scrape.find("tradebot_scheduler_fires_total", Map.of()).toString()).isPresent();
        assertThat(scrape.find("tradebot_scheduler_missed_total", Map.of()))
                .extracting(s -> s.labels().get("reason")).contains("coalesced", "expired");
    }

    // --- logs ------------------------------------------------------------------------------

    @Test
    void productionLogLinesAreJsonAndCarryTheRequestIdFromGatewayToFunctionToWorker(CapturedOutput output)
            throws Exception {
        String requestId = "obs-" + UUID.randomUUID();

        HttpResponse<String> registered = register(UUID.randomUUID() + "@example.com", requestId);
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri(port, "/api/auth/me"))
                .header("Authorization", "Bearer junk").header("X-Request-Id", requestId).GET());

        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(refused.statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(loggers(output, requestId)).contains(
                "app.tradebot.gateway.access",                      // the gateway
                "app.tradebot.auth.Authorize",                      // a function, on the request's thread
                "app.tradebot.platform.messaging.QueueConsumers")); // the worker, handling the audit event
        for (JsonNode line : jsonLines(output, requestId)) {
            assertThat(line.get("requestId").asString()).isEqualTo(requestId);
            assertThat(line.has("@timestamp")).isTrue();
            assertThat(line.get("service").get("name").asString()).isEqualTo("tradebot");
        }
        assertThat(output.getOut().lines().filter(l -> l.contains(requestId)))
                .allMatch(l -> l.startsWith("{") && l.endsWith("}"));
    }

    // --- helpers ---------------------------------------------------------------------------

    private Set<String> loggers(CapturedOutput output, String requestId) {
        return jsonLines(output, requestId).stream().map(line -> line.get("log").get("logger").asString())
                .collect(Collectors.toSet());
    }

    private List<JsonNode> jsonLines(CapturedOutput output, String requestId) {
        return output.getOut().lines().filter(l -> l.contains(requestId) && l.startsWith("{"))
                .map(json::readTree).toList();
    }

    private HttpResponse<String> register(String email, String requestId) throws IOException, InterruptedException {
        return post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}",
                Map.of("X-Request-Id", requestId));
    }

    private void publish(String body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        new RabbitTemplate(rabbit).send(AUDIT_QUEUE, AUDIT_QUEUE, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    private static String auditEvent(UUID id) {
        return "{\"id\":\"" + id + "\",\"type\":\"observability-test\",\"at\":\"2026-05-01T00:00:00Z\"}";
    }

    private double gauge(Map<String, String> labels) throws IOException, InterruptedException {
        return scrape().value("tradebot_queue_ready_messages", labels).orElse(Double.NaN);
    }

    private static double httpRequests(PrometheusScrape scrape, Map<String, String> labels) {
        return scrape.value("http_server_requests_seconds_count", labels).orElse(0);
    }

    private static double count(PrometheusScrape scrape, Map<String, String> labels) {
        return scrape.value(TIMER, labels).orElse(0);
    }

    private PrometheusScrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get(managementPort, "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusScrape(response.body());
    }

    private static Set<String> names(JsonNode object) {
        return object.propertyNames().stream().collect(Collectors.toSet());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(port, path)).GET());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
