package app.tradebot.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway whose Redis is gone, on purpose (README, "Failure of a dependency"): the authorizer fails
 * closed. Redis holds the revoked sessions, so without it no token can be told apart from a revoked
 * one and every signed-in route answers 503 problem+json with Retry-After, never lets the request
 * through. A token that is no good on its own is still a 401, and a route that needs no sign-in is
 * still served; signing in is a 503 too (its attempt counters are in Redis).
 */
@DirtiesContext
@SpringBootTest(classes = TradeBotLauncher.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tradebot.roles=gateway",
            "tradebot.environment=production",
            "tradebot.auth.secret-key=" + Lambdas.SECRET_KEY
        })
class SignedInWithoutRedisIT {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        TestServices.register(registry);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + closed);
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aValidTokenIsRefusedWith503AndNotLetThrough() throws Exception {
        UUID user = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'x')", user, "no-redis-" + user + "@example.com");
        String token = token(user, Lambdas.SECRET_KEY);

        for (String path : new String[] { "/api/auth/me", "/api/accounts", "/api/market/symbols" }) {
            HttpResponse<String> answer = get(path, token);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("detail").asString()).contains("cannot be reached right now");
        }
    }

    @Test
    void aBadTokenIsStill401AndAnOpenRouteIsServed() throws Exception {
        HttpResponse<String> forged = get("/api/auth/me",
                token(UUID.randomUUID(), "another-key-that-is-long-enough-for-hs512-0123456789-abcdefghijklmnopqrstu"));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);

        HttpResponse<String> document = get("/api/openapi.json", null);
        assertThat(document.statusCode()).isEqualTo(200);
    }

    @Test
    void signingInIs503TooItsAttemptCountersAreInRedis() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"nobody@example.com\",\"password\":\"a long password\"}"))
                .build(), BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(503);
        assertThat(login.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(login.headers().firstValue("Retry-After")).isPresent();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** An access token as the application issues them (HS512, subject, id, issued now, an hour to live). */
    private static String token(UUID user, String key) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
