package app.tradebot.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets Manager's GetSecretValue, the one call {@link LambdaSecrets} makes: a JSON POST (AWS JSON 1.1
 * protocol) signed with {@link SigV4}. Throttling, server errors and network failures are tried three times, as
 * the SDK's standard retries did.
 */
final class SecretsManager {

    private final URI endpoint;
    private final SigV4 signer;
    private final Supplier<AwsCredentials> credentials;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    SecretsManager(URI endpoint, String region, Supplier<AwsCredentials> credentials, Clock clock, Duration timeout) {
        this.endpoint = endpoint;
        this.signer = new SigV4("secretsmanager", region);
        this.credentials = credentials;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5)).build();
    }

    /** The region's public endpoint. */
    static URI endpoint(String region) {
        return URI.create("https://secretsmanager." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : ""));
    }

    /** The secret's SecretString (null for a binary secret); {@code version} may be null, for the current one. */
    String secretString(String secretId, String version) {
        ObjectNode request = JsonMapper.shared().createObjectNode().put("SecretId", secretId);
        if (version != null) {
            request.put("VersionId", version);
        }
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = AwsRetries.send(http, () -> signed(body),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), AwsCallFailed::retryable,
                e -> e instanceof HttpTimeoutException ? new AwsCallFailed("no answer within " + timeout.toMillis() + " ms", e)
                        : new AwsCallFailed("no answer: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : " " + e.getMessage()), e),
                "interrupted");
        if (response.statusCode() != 200) {
            throw AwsCallFailed.answered("", response);
        }
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(response.body());
        }
        catch (JacksonException e) {
            json = null; // never echo the body: it holds the secret
        }
        if (json == null || !json.isObject()) {
            throw new AwsCallFailed("an answer that is not the service's JSON");
        }
        JsonNode secret = json.get("SecretString");
        return secret == null || !secret.isString() ? null : secret.asString();
    }

    private HttpRequest signed(byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "secretsmanager.GetSecretValue");
        // optional outside S3, but what the SDK sent, so the requests stay the ones the service has always seen
        headers.put("X-Amz-Content-Sha256", SigV4.payloadHash(body));
        Map<String, String> signature = signer.sign("POST", endpoint, headers, body, clock.instant(), credentials.get());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        signature.forEach(request::header);
        return request.build();
    }
}
