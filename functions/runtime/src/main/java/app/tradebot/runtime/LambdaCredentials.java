package app.tradebot.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The function's role credentials as Lambda gives them: in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, or, with SnapStart (whose snapshot must not hold them; the variables are not set then),
 * from the container credentials endpoint AWS_CONTAINER_CREDENTIALS_FULL_URI, asked with the token in
 * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or AWS_CONTAINER_AUTHORIZATION_TOKEN. Those expire: they are fetched
 * again from 15 minutes before their expiry (a snapshot restored later fetches at its first signature), and a
 * failed early fetch keeps the ones held until a minute before it.
 * <p>
 * The variables are read at every call, not when this is made: at SnapStart's snapshot the role's session
 * is not the one the restored function runs with.
 */
public final class LambdaCredentials implements Supplier<AwsCredentials> {

    static final Duration REFRESH_BEFORE = Duration.ofMinutes(15);
    static final Duration USABLE_UNTIL_BEFORE = Duration.ofMinutes(1);
    /** Credentials the endpoint gives without an expiry are asked again after this. */
    static final Duration UNDATED_FOR = Duration.ofHours(1);
    private static final String ECS_HOST = "http://169.254.170.2";
    /** The container endpoints' link-local addresses (ECS, EKS Pod Identity); any other plain-HTTP host must be loopback. */
    private static final Set<String> CONTAINER_ADDRESSES = Set.of("169.254.170.2", "169.254.170.23", "fd00:ec2:0:0:0:0:0:23");

    private final UnaryOperator<String> env;
    private final Clock clock;
    private final Duration timeout;
    /** Made at the first fetch: with the variables set (no SnapStart) no client, and no selector thread, is needed. */
    private HttpClient http;
    private AwsCredentials fetched;
    private Instant fetchedAt;

    LambdaCredentials(UnaryOperator<String> env, Clock clock, Duration timeout) {
        this.env = env;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** {@code env} looks a variable up (the process environment, or Spring's). */
    public static LambdaCredentials from(UnaryOperator<String> env, Clock clock) {
        return new LambdaCredentials(env, clock, Duration.ofSeconds(5));
    }

    @Override
    public synchronized AwsCredentials get() {
        String id = env.apply("AWS_ACCESS_KEY_ID");
        String key = env.apply("AWS_SECRET_ACCESS_KEY");
        if (!blank(id) && !blank(key)) {
            return new AwsCredentials(id.trim(), key.trim(), env.apply("AWS_SESSION_TOKEN"));
        }
        URI endpoint = containerEndpoint();
        Instant now = clock.instant();
        if (fetched != null && now.isBefore(fetched.expiration() == null ? fetchedAt.plus(UNDATED_FOR)
                : fetched.expiration().minus(REFRESH_BEFORE))) {
            return fetched;
        }
        try {
            fetched = fetch(endpoint);
            fetchedAt = now;
        }
        catch (AwsCallFailed e) {
            if (fetched != null && fetched.expiration() != null && now.isBefore(fetched.expiration().minus(USABLE_UNTIL_BEFORE))) {
                return fetched;
            }
            throw e;
        }
        return fetched;
    }

    private URI containerEndpoint() {
        String relative = env.apply("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        if (!blank(relative)) {
            return URI.create(ECS_HOST + relative.trim());
        }
        String full = env.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (blank(full)) {
            throw new AwsCallFailed("No AWS credentials: neither AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY nor"
                    + " AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
        }
        URI uri;
        try {
            uri = URI.create(full.trim());
        }
        catch (IllegalArgumentException e) {
            throw new AwsCallFailed("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !containerHost(uri.getHost())) {
            throw new AwsCallFailed("AWS_CONTAINER_CREDENTIALS_FULL_URI must be HTTPS or name a loopback or container"
                    + " credentials address, not " + uri.getHost());
        }
        return uri;
    }

    /** Every address the host resolves to must be the machine's own or a container endpoint's. */
    private static boolean containerHost(String host) {
        if (host == null) {
            return false;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress() && !CONTAINER_ADDRESSES.contains(address.getHostAddress())) {
                    return false;
                }
            }
            return addresses.length > 0;
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    private String authorization() {
        String file = env.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        String token;
        if (!blank(file)) {
            try {
                token = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).trim();
            }
            catch (IOException | RuntimeException e) {
                throw new AwsCallFailed("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        else {
            token = env.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        }
        if (token != null && (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0)) {
            throw new AwsCallFailed("The container authorization token holds a line break");
        }
        return blank(token) ? null : token.trim();
    }

    private AwsCredentials fetch(URI endpoint) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout).GET()
                .header("Accept", "application/json");
        String authorization = authorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        }
        HttpResponse<String> response = AwsRetries.send(http, request::build,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), r -> r.statusCode() >= 500,
                e -> AwsCallFailed.noAnswer("The container credentials endpoint", e),
                "Interrupted asking the container credentials endpoint");
        if (response.statusCode() != 200) {
            // never the body: it may hold what it was asked for
            throw new AwsCallFailed("The container credentials endpoint answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static AwsCredentials parse(String body) {
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(body);
        }
        catch (JacksonException e) {
            json = null; // never echo the body: it holds the secret key
        }
        if (json == null || !json.isObject() || !text(json, "AccessKeyId") || !text(json, "SecretAccessKey")) {
            throw new AwsCallFailed("The container credentials endpoint answered without AccessKeyId and SecretAccessKey");
        }
        Instant expiration = null;
        if (text(json, "Expiration")) {
            try {
                expiration = OffsetDateTime.parse(json.get("Expiration").asString()).toInstant();
            }
            catch (DateTimeParseException e) {
                throw new AwsCallFailed("The container credentials endpoint answered an Expiration that is no ISO-8601 time");
            }
        }
        return new AwsCredentials(json.get("AccessKeyId").asString(), json.get("SecretAccessKey").asString(),
                text(json, "Token") ? json.get("Token").asString() : null, expiration);
    }

    private static boolean text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isString() && !value.asString().isBlank();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
