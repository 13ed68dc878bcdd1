package app.tradebot.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role's credentials as Lambda gives them, the container credentials endpoint (SnapStart's) played by a
 * local HTTP server: the token it is asked with, and when its expiring credentials are asked again.
 */
class LambdaCredentialsTest {

    static final String TOKEN = "container-authorization-token";
    static final Instant START = Instant.parse("2026-12-06T12:00:00Z");

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private final MovingClock clock = new MovingClock(START);
    private int status = 200;
    private String body;
    private int served;

    static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/2021-04-23/credentials", this::answer);
        server.start();
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + server.getAddress().getPort() + "/2021-04-23/credentials");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN);
        serve("ASIAFIRST", "first-secret", "first-token", START.plus(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        int code = TOKEN.equals(authorization) || (authorization != null && authorization.startsWith("from-file")) ? status : 403;
        byte[] out = (code == 200 ? body : "{\"message\":\"denied\"}").getBytes(StandardCharsets.UTF_8);
        if (code == 200) {
            served++;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private void serve(String id, String secret, String token, Instant expiration) {
        body = "{\"AccessKeyId\":\"" + id + "\",\"SecretAccessKey\":\"" + secret + "\",\"Token\":\"" + token
                + "\",\"Expiration\":\"" + expiration + "\"}";
    }

    private LambdaCredentials credentials() {
        return new LambdaCredentials(env::get, clock, Duration.ofSeconds(2));
    }

    @Test
    void theEnvironmentsCredentialsComeFirstAndAreReadAtEveryCall() {
        env.put("AWS_ACCESS_KEY_ID", "ASIAENV");
        env.put("AWS_SECRET_ACCESS_KEY", "env-secret");
        env.put("AWS_SESSION_TOKEN", "env-token");
        LambdaCredentials credentials = credentials();

        assertThat(credentials.get()).isEqualTo(new AwsCredentials("ASIAENV", "env-secret", "env-token"));
        env.put("AWS_SESSION_TOKEN", "next-token");
        assertThat(credentials.get().sessionToken()).isEqualTo("next-token");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void withoutThemTheContainerEndpointIsAskedWithItsTokenAndItsAnswerKeptUntilNearItsExpiry() {
        LambdaCredentials credentials = credentials();

        assertThat(credentials.get()).isEqualTo(new AwsCredentials("ASIAFIRST", "first-secret", "first-token",
                START.plus(Duration.ofHours(1))));
        serve("ASIASECOND", "second-secret", "second-token", START.plus(Duration.ofHours(7)));
        clock.now = START.plus(Duration.ofMinutes(44));
        assertThat(credentials.get().accessKeyId()).isEqualTo("ASIAFIRST");
        assertThat(served).isEqualTo(1);

        clock.now = START.plus(Duration.ofMinutes(45)); // 15 minutes before the expiry
        assertThat(credentials.get()).isEqualTo(new AwsCredentials("ASIASECOND", "second-secret", "second-token",
                START.plus(Duration.ofHours(7))));
        assertThat(served).isEqualTo(2);
        assertThat(authorizations).containsOnly(TOKEN);
    }

    /** A snapshot restored long after its credentials expired asks again at its first signature. */
    @Test
    void credentialsHeldPastTheirExpiryAreNeverGiven() {
        LambdaCredentials credentials = credentials();
        credentials.get();
        serve("ASIARESTORED", "restored-secret", "restored-token", START.plus(Duration.ofDays(3)));
        clock.now = START.plus(Duration.ofDays(2));

        assertThat(credentials.get().accessKeyId()).isEqualTo("ASIARESTORED");
    }

    @Test
    void aFailedEarlyRefreshKeepsTheCredentialsUntilAMinuteBeforeTheirExpiry() {
        LambdaCredentials credentials = credentials();
        credentials.get();
        status = 500;

        clock.now = START.plus(Duration.ofMinutes(50));
        assertThat(credentials.get().accessKeyId()).isEqualTo("ASIAFIRST");
        clock.now = START.plus(Duration.ofMinutes(59).plusSeconds(1));
        assertThatThrownBy(credentials::get).isInstanceOf(AwsCallFailed.class).hasMessageContaining("answered 500");
    }

    @Test
    void theTokenFileWinsOverTheVariable(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("token");
        Files.writeString(file, "from-file-token\n");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.toString());

        assertThat(credentials().get().accessKeyId()).isEqualTo("ASIAFIRST");
        assertThat(authorizations).containsExactly("from-file-token");
    }

    @Test
    void aRefusedTokenFailsWithTheStatusOnly() {
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong-token");

        assertThatThrownBy(() -> credentials().get()).isInstanceOf(AwsCallFailed.class)
                .hasMessage("The container credentials endpoint answered 403");
        assertThat(authorizations).containsExactly("wrong-token");
    }

    @Test
    void anAnswerWithoutCredentialsIsRefusedWithoutEchoingIt() {
        body = "{\"AccessKeyId\":\"ASIAX\",\"Secret\":\"hunter2\"}";

        assertThatThrownBy(() -> credentials().get()).isInstanceOf(AwsCallFailed.class)
                .hasMessageContaining("without AccessKeyId and SecretAccessKey").hasMessageNotContaining("hunter2");
        body = "not json hunter2";
        assertThatThrownBy(() -> credentials().get()).hasMessageNotContaining("hunter2");
    }

    /** Plain HTTP only to the machine itself or the container endpoints' addresses: the token must not travel further. */
    @Test
    void aPlainHttpEndpointElsewhereIsRefusedUnasked() {
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.10/credentials");

        assertThatThrownBy(() -> credentials().get()).isInstanceOf(AwsCallFailed.class)
                .hasMessageContaining("must be HTTPS or name a loopback");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void withNeitherTheVariablesNorAnEndpointItSaysWhatIsMissing() {
        env.clear();

        assertThatThrownBy(() -> credentials().get()).isInstanceOf(AwsCallFailed.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID").hasMessageContaining("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    }

    @Test
    void readsTheEndpointsAnswer() {
        assertThat(LambdaCredentials.parse("{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"Token\":\"T\","
                + "\"Expiration\":\"2026-12-06T13:00:00+01:00\",\"RoleArn\":\"arn:aws:iam::1:role/r\"}"))
                .isEqualTo(new AwsCredentials("A", "S", "T", Instant.parse("2026-12-06T12:00:00Z")));
        assertThat(LambdaCredentials.parse("{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}"))
                .isEqualTo(new AwsCredentials("A", "S", null, null));
    }
}
