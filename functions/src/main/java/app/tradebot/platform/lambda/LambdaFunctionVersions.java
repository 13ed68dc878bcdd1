package app.tradebot.platform.lambda;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import app.tradebot.runtime.AwsCallFailed;
import app.tradebot.runtime.AwsCredentials;
import app.tradebot.runtime.AwsRetries;
import app.tradebot.runtime.LambdaCredentials;
import app.tradebot.runtime.SigV4;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@link FunctionVersions} through the Lambda API's REST calls (ListFunctions, ListTags, ListVersionsByFunction,
 * ListAliases, DeleteFunction), signed with the runtime's {@link SigV4} and the function's role
 * ({@link LambdaCredentials}; template.yaml grants PruneVersionsFunction the calls), so that no AWS SDK is
 * packaged for one deployment step. The region is AWS_REGION's; the endpoint the region's, or
 * AWS_ENDPOINT_URL_LAMBDA's, or AWS_ENDPOINT_URL's, as the SDK read them. Throttling, server errors and
 * network failures are tried three times ({@link AwsRetries}). The client is made at the first call: only the
 * deployment step in AWS ever calls it.
 */
@ConditionalOnFunction("pruneVersions")
@Component
class LambdaFunctionVersions implements FunctionVersions {

    static final String STACK_TAG = "tradebot:stack";
    /** Each attempt's. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Environment environment;
    private final Clock clock;
    private final Duration timeout;
    private Client client;

    @Autowired
    LambdaFunctionVersions(Environment environment, ObjectProvider<Clock> clock) {
        this(environment, clock.getIfUnique(Clock::systemUTC), TIMEOUT);
    }

    LambdaFunctionVersions(Environment environment, Clock clock, Duration timeout) {
        this.environment = environment;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public List<String> functionsOf(String stackName, String prefix) {
        List<String> functions = new ArrayList<>();
        client().pages("ListFunctions", "/2015-03-31/functions/", "Functions", function -> {
            String name = function.path("FunctionName").asString("");
            if (name.startsWith(prefix) && stackName.equals(stackOf(function.path("FunctionArn").asString("")))) {
                functions.add(name);
            }
        });
        return functions.stream().sorted().toList();
    }

    private String stackOf(String arn) {
        JsonNode tag = client().get("ListTags", "/2017-03-31/tags/" + SigV4.encode(arn, false)).path("Tags").get(STACK_TAG);
        return tag == null || !tag.isString() ? null : tag.asString();
    }

    @Override
    public List<String> versions(String function) {
        List<String> versions = new ArrayList<>();
        client().pages("ListVersionsByFunction", "/2015-03-31/functions/" + SigV4.encode(function, false) + "/versions",
                "Versions", version -> versions.add(version.path("Version").asString("")));
        return versions.stream().filter(v -> !v.isEmpty() && !"$LATEST".equals(v)).toList();
    }

    @Override
    public Set<String> aliased(String function) {
        Set<String> versions = new HashSet<>();
        client().pages("ListAliases", "/2015-03-31/functions/" + SigV4.encode(function, false) + "/aliases", "Aliases",
                alias -> {
                    versions.add(alias.path("FunctionVersion").asString(""));
                    alias.path("RoutingConfig").path("AdditionalVersionWeights").propertyNames().forEach(versions::add);
                });
        versions.remove("");
        return versions;
    }

    @Override
    public void delete(String function, String version) {
        if (!version.matches("[0-9]+")) {
            // without a version number DeleteFunction deletes the whole function
            throw new IllegalArgumentException("Only a numbered version is deleted, not " + version);
        }
        client().send("DeleteFunction", "DELETE",
                "/2015-03-31/functions/" + SigV4.encode(function, false) + "?Qualifier=" + version);
    }

    private synchronized Client client() {
        if (client == null) {
            String region = environment.getProperty("AWS_REGION", "");
            if (region.isBlank()) {
                throw new AwsCallFailed("AWS_REGION is not set: the Lambda API's region");
            }
            String endpoint = environment.getProperty("AWS_ENDPOINT_URL_LAMBDA", "");
            endpoint = endpoint.isBlank() ? environment.getProperty("AWS_ENDPOINT_URL", "") : endpoint;
            URI base = endpoint.isBlank() ? endpoint(region.trim()) : URI.create(endpoint.trim());
            client = new Client(base, new SigV4("lambda", region.trim()), LambdaCredentials.from(environment::getProperty, clock));
        }
        return client;
    }

    /** The region's public endpoint. */
    static URI endpoint(String region) {
        return URI.create("https://lambda." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : ""));
    }

    /** The signed calls, the JDK's HTTP client. */
    private final class Client {

        private final String base;
        private final SigV4 signer;
        private final Supplier<AwsCredentials> credentials;
        private final HttpClient http;

        Client(URI endpoint, SigV4 signer, Supplier<AwsCredentials> credentials) {
            String uri = endpoint.toString();
            this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
            this.signer = signer;
            this.credentials = credentials;
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5)).build();
        }

        /** Every item of a listing's {@code field}, page after page (Marker, NextMarker). */
        void pages(String call, String path, String field, Consumer<JsonNode> item) {
            String marker = null;
            do {
                JsonNode page = get(call, path + (marker == null ? "" : "?Marker=" + SigV4.encode(marker, false)));
                page.path(field).forEach(item);
                JsonNode next = page.get("NextMarker");
                marker = next == null || !next.isString() || next.asString().isEmpty() ? null : next.asString();
            }
            while (marker != null);
        }

        JsonNode get(String call, String pathAndQuery) {
            String body = send(call, "GET", pathAndQuery);
            try {
                JsonNode json = JsonMapper.shared().readTree(body);
                if (json != null && json.isObject()) {
                    return json;
                }
            }
            catch (JacksonException e) {
                // reported below
            }
            throw new AwsCallFailed("Lambda " + call + " answered something that is not the service's JSON");
        }

        String send(String call, String method, String pathAndQuery) {
            URI uri = URI.create(base + pathAndQuery);
            HttpResponse<String> response = AwsRetries.send(http, () -> signed(method, uri),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), AwsCallFailed::retryable,
                    e -> AwsCallFailed.noAnswer("Lambda " + call, e),
                    "Interrupted calling Lambda " + call);
            if (response.statusCode() / 100 != 2) {
                throw AwsCallFailed.answered("Lambda " + call, response);
            }
            return response.body();
        }

        private HttpRequest signed(String method, URI uri) {
            // optional outside S3, but what the SDK sent, so the requests stay the ones the service has always seen
            Map<String, String> headers = Map.of("X-Amz-Content-Sha256", SigV4.payloadHash(new byte[0]));
            Map<String, String> signature = signer.sign(method, uri, headers, new byte[0], clock.instant(),
                    credentials.get());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            headers.forEach(request::header);
            signature.forEach(request::header);
            return request.build();
        }
    }
}
