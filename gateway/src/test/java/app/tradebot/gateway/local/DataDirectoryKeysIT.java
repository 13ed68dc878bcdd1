package app.tradebot.gateway.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-in-one jar without SECRET_KEY and FERNET_KEY: the keys it generates with its data
 * directory survive a restart, so sign-ins and stored exchange secrets do too; variables that are
 * set still win.
 */
class DataDirectoryKeysIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void generatedKeysAreKeptBesideTheDataAndReadBackAfterARestart() throws Exception {
        Path dataDir = temp.resolve("data");
        int port = Ports.preferredOrFree(0);
        Map<String, String> environment = new HashMap<>(Map.of(
                "TRADEBOT_DATA_DIR", dataDir.toString(),
                "PORT", Integer.toString(port),
                "MANAGEMENT_SERVER_PORT", Integer.toString(Ports.preferredOrFree(0)),
                "TRADEBOT_EMBEDDED_POSTGRES_PORT", "0",
                "TRADEBOT_EMBEDDED_REDIS_PORT", "0",
                "TRADEBOT_EMBEDDED_AMQP_PORT", "0",
                // Nothing listens there: testing an account reaches the exchange only after decrypting its keys.
                "TRADEBOT_EXCHANGE_BINANCE_BASE_URL", "http://127.0.0.1:1"));
        String token;
        String accountId;
        try (LauncherProcess first = LauncherProcess.start(environment, temp.resolve("first.log")).awaitStarted()) {
            assertThat(first.log()).contains("generated both into " + dataDir.resolve("keys.properties"));
            post(port, "/api/auth/register", null, "{\"email\":\"keys@example.com\",\"password\":\"correct horse battery\"}");
            token = post(port, "/api/auth/login", null,
                    "{\"email\":\"keys@example.com\",\"password\":\"correct horse battery\"}").get("accessToken").asString();
            accountId = post(port, "/api/accounts", token,
                    "{\"name\":\"main\",\"kind\":\"binance\",\"apiKey\":\"k3yABCDEF0123456789\",\"apiSecret\":\"s3cretABCDEF0123456789\"}")
                    .get("id").asString();
            assertThat(testAccount(port, token, accountId)).doesNotContain("cannot be decrypted");
            assertThat(first.stop()).isEqualTo(143);
        }
        Path keys = dataDir.resolve("keys.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        String kept = Files.readString(keys);
        assertThat(kept).containsPattern("(?m)^SECRET_KEY=[A-Za-z0-9_-]{86}$").containsPattern("(?m)^FERNET_KEY=[A-Za-z0-9_-]{43}=$");

        try (LauncherProcess second = LauncherProcess.start(environment, temp.resolve("second.log")).awaitStarted()) {
            assertThat(second.log()).contains("using the keys kept in " + keys).doesNotContain("generated both");
            assertThat(status(port, "/api/auth/me", token)).as("a token signed before the restart").isEqualTo(200);
            String test = testAccount(port, token, accountId);
            assertThat(test).as("the secret stored before the restart decrypts").doesNotContain("cannot be decrypted")
                    .contains("\"ok\":false");
            assertThat(second.stop()).isEqualTo(143);
        }
        assertThat(Files.readString(keys)).as("read, never rewritten").isEqualTo(kept);

        environment.put("SECRET_KEY", DataDirectoryKeys.randomKey(64, false));
        environment.put("FERNET_KEY", DataDirectoryKeys.randomKey(32, true));
        try (LauncherProcess explicit = LauncherProcess.start(environment, temp.resolve("explicit.log")).awaitStarted()) {
            assertThat(explicit.log()).doesNotContain("using the keys kept in");
            assertThat(status(port, "/api/auth/me", token)).as("SECRET_KEY wins over the file").isEqualTo(401);
            String login = post(port, "/api/auth/login", null,
                    "{\"email\":\"keys@example.com\",\"password\":\"correct horse battery\"}").get("accessToken").asString();
            assertThat(testAccount(port, login, accountId)).as("FERNET_KEY wins over the file").contains("cannot be decrypted");
            assertThat(explicit.stop()).isEqualTo(143);
        }
        assertThat(Files.readString(keys)).isEqualTo(kept);
    }

    private JsonNode post(int port, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private String testAccount(int port, String token, String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/accounts/" + id + "/test"))
                .header("authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private int status(int port, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("authorization", "Bearer " + token).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
