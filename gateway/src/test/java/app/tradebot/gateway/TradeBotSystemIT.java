package app.tradebot.gateway;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TradeBot as a user meets it: one process playing gateway, worker and scheduler over the real
 * template, functions and services, spoken to over real HTTP only. Signs up, in and out; finds the
 * sign-in in audit_events, written by the worker from the message the login published to RabbitMQ;
 * and sends every bad input of issue 2 through the gateway, each answered as problem+json without
 * a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradeBotSystemIT extends AllInOneContext {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String PROBLEM = "application/problem+json";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory rabbit;

    private final String email = fresh("system");
    private UUID userId;
    private String token;
    private String revokedToken;

    @BeforeAll
    void signUp() throws Exception {
        HttpResponse<String> registered = post("/api/auth/register", credentials(email, PASSWORD));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        userId = UUID.fromString(body(registered).get("id").asString());
        token = signIn(email);
        revokedToken = signIn(email);
        assertThat(send("POST", "/api/auth/logout", BodyPublishers.noBody(), "Authorization", "Bearer " + revokedToken)
                .statusCode()).isEqualTo(204);
    }

    @Test
    void registerLoginMeLogoutThenTheTokenIsRefused() throws Exception {
        String address = fresh("journey");

        HttpResponse<String> registered = post("/api/auth/register", credentials("  " + address.toUpperCase() + " ", PASSWORD));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode account = body(registered);
        assertThat(account.get("email").asString()).isEqualTo(address);
        assertThat(account.has("password")).isFalse();
        assertThat(account.has("passwordHash")).isFalse();
        UUID id = UUID.fromString(account.get("id").asString());

        HttpResponse<String> login = post("/api/auth/login", credentials(address, PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        JsonNode issued = body(login);
        assertThat(issued.get("tokenType").asString()).isEqualTo("bearer");
        assertThat(Instant.parse(issued.get("expiresAt").asString())).isAfter(Instant.now().plus(Duration.ofDays(6)));
        String bearer = "Bearer " + issued.get("accessToken").asString();

        HttpResponse<String> me = send("GET", "/api/auth/me", BodyPublishers.noBody(), "Authorization", bearer);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(body(me)).isEqualTo(account);

        HttpResponse<String> logout = send("POST", "/api/auth/logout", BodyPublishers.noBody(), "Authorization", bearer);
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
        assertThat(logout.body()).isEmpty();

        HttpResponse<String> afterLogout = send("GET", "/api/auth/me", BodyPublishers.noBody(), "Authorization", bearer);
        assertProblem(afterLogout, 401);
        assertThat(afterLogout.headers().firstValue("WWW-Authenticate")).contains("Bearer");

        // The worker of this same process consumes the audit queue; nothing else writes the table.
        QueueInformation queue = new RabbitAdmin(rabbit).getQueueInfo("audit-events");
        assertThat(queue).isNotNull();
        assertThat(queue.getConsumerCount()).as("consumers on audit-events").isPositive();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(auditTrail(id)).containsExactlyInAnyOrder(
                        "user.registered 127.0.0.1 " + USER_AGENT,
                        "user.login 127.0.0.1 " + USER_AGENT,
                        "user.logout 127.0.0.1 " + USER_AGENT));
    }

    @Test
    void bruteForceOnOneEmailEndsIn429WithRetryAfterEvenForTheRightPassword() throws Exception {
        String address = fresh("brute");
        assertThat(post("/api/auth/register", credentials(address, PASSWORD)).statusCode()).isEqualTo(201);

        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<String> wrong = post("/api/auth/login", credentials(address, "wrong password " + attempt));
            assertProblem(wrong, 401);
        }
        HttpResponse<String> blocked = post("/api/auth/login", credentials(address, PASSWORD));

        assertProblem(blocked, 429);
        assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 15 * 60L));
        // Another account from the same client is not locked out.
        assertThat(post("/api/auth/login", credentials(email, PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void healthSaysEveryServiceIsUp() throws Exception {
        HttpResponse<String> health = send("GET", "/health", BodyPublishers.noBody());

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(body(health)).isEqualTo(json.readTree(
                "{\"status\":\"up\",\"checks\":{\"postgres\":\"up\",\"redis\":\"up\",\"rabbitmq\":\"up\"}}"));
    }

    /** Issue 2's list of bad input, each through the gateway: the status, problem+json, never a stack trace. */
    @TestFactory
    Stream<DynamicTest> everyBadInputIsAProblemWithoutAStackTrace() {
        String meBearer = "Bearer " + token;
        List<BadInput> cases = List.of(
                new BadInput("malformed JSON on register", 400, "POST", "/api/auth/register", jsonBody("{\"email\": \"a@example.com\","), null),
                new BadInput("malformed JSON on login", 400, "POST", "/api/auth/login", jsonBody("{]"), null),
                new BadInput("missing fields", 400, "POST", "/api/auth/register", jsonBody("{}"), null, "email", "password"),
                new BadInput("an extra field", 400, "POST", "/api/auth/register",
                        jsonBody("{\"email\": \"" + fresh("extra") + "\", \"password\": \"" + PASSWORD + "\", \"admin\": true}"), null, "admin"),
                new BadInput("wrong-typed fields", 400, "POST", "/api/auth/login", jsonBody("{\"email\": 1, \"password\": [\"x\"]}"), null,
                        "email", "password"),
                new BadInput("a password that is too short", 400, "POST", "/api/auth/register",
                        jsonBody(credentials(fresh("short"), "short")), null, "password"),
                new BadInput("a body over the limit", 413, "POST", "/api/auth/register",
                        jsonBody("{\"email\": \"" + "a".repeat(MAX_BODY_BYTES) + "\"}"), null),
                new BadInput("an unknown route", 404, "GET", "/api/auth/nothing-here", BodyPublishers.noBody(), null),
                new BadInput("a wrong method", 405, "GET", "/api/auth/login", BodyPublishers.noBody(), null),
                new BadInput("no token", 401, "GET", "/api/auth/me", BodyPublishers.noBody(), null),
                new BadInput("a garbage token", 401, "GET", "/api/auth/me", BodyPublishers.noBody(), "Bearer garbage"),
                new BadInput("not a bearer token", 401, "GET", "/api/auth/me", BodyPublishers.noBody(), "Basic dXNlcjpwYXNz"),
                new BadInput("an expired token", 401, "GET", "/api/auth/me", BodyPublishers.noBody(),
                        "Bearer " + signed(Lambdas.SECRET_KEY, JWSAlgorithm.HS512, Instant.now().minus(Duration.ofMinutes(1)))),
                new BadInput("an alg:none token", 401, "GET", "/api/auth/me", BodyPublishers.noBody(), "Bearer " + unsigned()),
                new BadInput("a token signed with another key", 401, "GET", "/api/auth/me", BodyPublishers.noBody(),
                        "Bearer " + signed("another-key-that-is-long-enough-for-hs512-0123456789-abcdefghijklmnopqrstu",
                                JWSAlgorithm.HS512, Instant.now().plus(Duration.ofHours(1)))),
                new BadInput("a token signed with HS256", 401, "GET", "/api/auth/me", BodyPublishers.noBody(),
                        "Bearer " + signed(Lambdas.SECRET_KEY, JWSAlgorithm.HS256, Instant.now().plus(Duration.ofHours(1)))),
                new BadInput("a revoked token", 401, "POST", "/api/auth/logout", BodyPublishers.noBody(), "Bearer " + revokedToken),
                new BadInput("a body where none is taken", 400, "GET", "/api/auth/me", jsonBody("{\"id\": 1}"), meBearer),
                new BadInput("a duplicate email", 409, "POST", "/api/auth/register", jsonBody(credentials(email, PASSWORD)), null),
                new BadInput("a wrong password", 401, "POST", "/api/auth/login", jsonBody(credentials(email, "not the password!")), null));
        return cases.stream().map(input -> DynamicTest.dynamicTest(input.name(), () -> {
            refillThrottle(input.method() + " " + input.path());
            List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
            if (input.authorization() != null) {
                headers.addAll(List.of("Authorization", input.authorization()));
            }
            HttpResponse<String> response = send(input.method(), input.path(), input.body(), headers.toArray(String[]::new));

            assertProblem(response, input.status());
            if (input.fields().length > 0) {
                List<String> named = new ArrayList<>();
                body(response).path("errors").forEach(error -> named.add(error.get("field").asString()));
                assertThat(named).as(response.body()).contains(input.fields());
            }
        }));
    }

    // ---------------------------------------------------------------------------------------------

    private void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(PROBLEM);
        JsonNode problem = body(response);
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "at app.tradebot.", "at org.springframework.");
    }

    private List<String> auditTrail(UUID user) {
        return jdbc.queryForList("select type || ' ' || ip || ' ' || user_agent from audit_events where user_id = ?",
                String.class, user);
    }

    private HttpResponse<String> post(String path, String jsonBody) throws Exception {
        refillThrottle("POST " + path);
        return send("POST", path, BodyPublishers.ofString(jsonBody), "Content-Type", "application/json");
    }

    private String signIn(String address) throws Exception {
        HttpResponse<String> login = post("/api/auth/login", credentials(address, PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return body(login).get("accessToken").asString();
    }

    private String credentials(String address, String password) {
        return json.writeValueAsString(Map.of("email", address, "password", password));
    }

    /** A token for our user with the given key, algorithm and expiry. */
    private String signed(String key, JWSAlgorithm algorithm, Instant expiresAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(userId.toString())
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(expiresAt.minus(Duration.ofHours(2))))
                    .expirationTime(Date.from(expiresAt))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: our user's claims and no signature at all. */
    private String unsigned() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"" + userId + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"exp\":"
                + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    private static BodyPublisher jsonBody(String body) {
        return BodyPublishers.ofString(body);
    }

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }

    record BadInput(String name, int status, String method, String path, BodyPublisher body, String authorization,
            String... fields) {

        @Override
        public String toString() {
            return name + " " + Arrays.toString(fields);
        }
    }
}
