package app.tradebot.platform.lambda;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import app.tradebot.runtime.AwsCallFailed;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Lambda API's calls against a fake Lambda endpoint speaking the REST protocol: the paths and markers asked,
 * the answers read (pages, tags, alias routing), how each request is signed (recomputed with the AWS SDK's signer,
 * a test dependency only), and the service's failures.
 */
class LambdaFunctionVersionsTest {

    static final Instant NOW = Instant.parse("2026-12-06T23:00:00Z");
    static final String ACCOUNT = "arn:aws:lambda:eu-west-1:123456789012:function:";

    private HttpServer server;
    private ExecutorService executor;
    /** path and query -> status and body; a path answered with "pages" of several entries by marker. */
    private final Map<String, String> answers = new HashMap<>();
    private final Map<String, Integer> statuses = new HashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile String failureType;

    record Call(String method, String rawPath, String rawQuery, Map<String, String> headers) {

        String target() {
            return rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers);
        calls.add(call);
        String key = call.method() + " " + call.target();
        int status;
        String body;
        if (failuresLeft.getAndDecrement() > 0) {
            status = failureStatus;
            body = "{\"Type\":\"Service\",\"message\":\"Rate exceeded\"}";
            exchange.getResponseHeaders().add("x-amzn-ErrorType", failureType + ":http://internal.amazon.com/coral/com.amazonaws.awslambda/");
        }
        else if (answers.containsKey(key)) {
            status = statuses.getOrDefault(key, 200);
            body = answers.get(key);
        }
        else {
            status = 404;
            body = "{\"Type\":\"User\",\"message\":\"Function not found: " + call.rawPath() + "\"}";
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
        }
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : out.length);
        if (status != 204) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "ASIATESTKEY");
        env.put("AWS_SECRET_ACCESS_KEY", "test-secret-access-key");
        env.put("AWS_SESSION_TOKEN", "test-session-token");
        env.put("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:" + server.getAddress().getPort());
        return env;
    }

    private LambdaFunctionVersions lambda(Map<String, String> env) {
        MockEnvironment environment = new MockEnvironment();
        env.forEach(environment::setProperty);
        return new LambdaFunctionVersions(environment, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    private LambdaFunctionVersions lambda() {
        return lambda(lambdaEnvironment());
    }

    private static String function(String name) {
        return "{\"FunctionName\":\"" + name + "\",\"FunctionArn\":\"" + ACCOUNT + name + "\",\"Version\":\"$LATEST\"}";
    }

    private void tags(String name, String stack) {
        answers.put("GET /2017-03-31/tags/" + (ACCOUNT + name).replace(":", "%3A"),
                stack == null ? "{\"Tags\":{\"other\":\"x\"}}" : "{\"Tags\":{\"tradebot:stack\":\"" + stack + "\",\"other\":\"x\"}}");
    }

    @Test
    void theStacksFunctionsAreThoseOfItsTagAndPrefixOverEveryPage() {
        answers.put("GET /2015-03-31/functions/", "{\"Functions\":[" + function("tradebot-b") + "," + function("other-a")
                + "],\"NextMarker\":\"page 2/+=\"}");
        answers.put("GET /2015-03-31/functions/?Marker=page%202%2F%2B%3D", "{\"Functions\":[" + function("tradebot-a") + ","
                + function("tradebot-c") + "," + function("tradebot-d") + "],\"NextMarker\":null}");
        tags("tradebot-a", "tradebot");
        tags("tradebot-b", "tradebot");
        tags("tradebot-c", "tradebot-staging");
        tags("tradebot-d", null);

        assertThat(lambda().functionsOf("tradebot", "tradebot-")).containsExactly("tradebot-a", "tradebot-b");
        assertThat(calls).extracting(Call::target).containsExactly("/2015-03-31/functions/",
                "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Atradebot-b",
                "/2015-03-31/functions/?Marker=page%202%2F%2B%3D",
                "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Atradebot-a",
                "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Atradebot-c",
                "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Atradebot-d");
        assertThat(calls).extracting(Call::method).containsOnly("GET");
    }

    @Test
    void theVersionsAreEveryPublishedOneOverEveryPageWithoutLatest() {
        answers.put("GET /2015-03-31/functions/tradebot-a/versions", "{\"Versions\":[{\"Version\":\"$LATEST\"},"
                + "{\"Version\":\"1\"},{\"Version\":\"2\"}],\"NextMarker\":\"m2\"}");
        answers.put("GET /2015-03-31/functions/tradebot-a/versions?Marker=m2", "{\"Versions\":[{\"Version\":\"3\"}]}");

        assertThat(lambda().versions("tradebot-a")).containsExactly("1", "2", "3");
        assertThat(calls).hasSize(2);
    }

    @Test
    void theAliasedVersionsIncludeTheRoutingsExtraVersion() {
        answers.put("GET /2015-03-31/functions/tradebot-a/aliases", """
                {"Aliases":[{"Name":"live","FunctionVersion":"7","RoutingConfig":{"AdditionalVersionWeights":{"6":0.1}}}],
                 "NextMarker":"m2"}""");
        answers.put("GET /2015-03-31/functions/tradebot-a/aliases?Marker=m2", """
                {"Aliases":[{"Name":"old","FunctionVersion":"4","RoutingConfig":null},{"Name":"bare","FunctionVersion":"2"}]}""");

        assertThat(lambda().aliased("tradebot-a")).containsExactlyInAnyOrder("7", "6", "4", "2");
    }

    @Test
    void aVersionIsDeletedByItsQualifier() {
        answers.put("DELETE /2015-03-31/functions/tradebot-a?Qualifier=3", "");
        statuses.put("DELETE /2015-03-31/functions/tradebot-a?Qualifier=3", 204);

        lambda().delete("tradebot-a", "3");

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("DELETE");
            assertThat(call.target()).isEqualTo("/2015-03-31/functions/tradebot-a?Qualifier=3");
        });
    }

    @Test
    void onlyANumberedVersionIsEverDeleted() {
        for (String version : List.of("$LATEST", "", "live", "3 ")) {
            assertThatThrownBy(() -> lambda().delete("tradebot-a", version)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(calls).isEmpty();
    }

    /** The request as Lambda checks it: the SDK's signer, given what arrived, computes the same signature. */
    @Test
    void eachRequestIsSignedAsTheSdkSignsIt() {
        answers.put("GET /2015-03-31/functions/?Marker=a%3Ab%20c", "{\"Functions\":[]}");
        answers.put("GET /2015-03-31/functions/", "{\"Functions\":[" + function("tradebot-a") + "],\"NextMarker\":\"a:b c\"}");
        tags("tradebot-a", "tradebot");

        lambda().functionsOf("tradebot", "tradebot-");

        assertThat(calls).hasSize(3);
        for (Call call : calls) {
            assertThat(call.headers()).containsEntry("x-amz-date", "20261206T230000Z")
                    .containsEntry("x-amz-security-token", "test-session-token");
            assertThat(call.headers().get("authorization"))
                    .startsWith("AWS4-HMAC-SHA256 Credential=ASIATESTKEY/20261206/eu-west-1/lambda/aws4_request, "
                            + "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=");
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                    .uri(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + call.target())).build();
            String expected = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsSessionCredentialsIdentity.create("ASIATESTKEY", "test-secret-access-key", "test-session-token"))
                    .request(request)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "lambda")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)))
                    .request().firstMatchingHeader("Authorization").orElseThrow();
            assertThat(call.headers().get("authorization")).as(call.target()).isEqualTo(expected);
        }
    }

    @Test
    void throttlingAndServerErrorsAreTriedAgain() {
        answers.put("GET /2015-03-31/functions/tradebot-a/versions", "{\"Versions\":[{\"Version\":\"1\"}]}");
        failuresLeft.set(2);
        failureStatus = 429;
        failureType = "TooManyRequestsException";

        assertThat(lambda().versions("tradebot-a")).containsExactly("1");
        assertThat(calls).hasSize(3);

        calls.clear();
        failuresLeft.set(1);
        failureStatus = 500;
        failureType = "ServiceException";
        assertThat(lambda().versions("tradebot-a")).containsExactly("1");
        assertThat(calls).hasSize(2);
    }

    @Test
    void aServiceFailingThreeTimesStopsTheCallWithItsReason() {
        failuresLeft.set(5);
        failureStatus = 503;
        failureType = "ServiceException";

        assertThatThrownBy(() -> lambda().versions("tradebot-a")).isInstanceOf(AwsCallFailed.class)
                .hasMessage("Lambda ListVersionsByFunction answered 503 ServiceException: Rate exceeded");
        assertThat(calls).hasSize(3);
    }

    @Test
    void aMissingFunctionIsReportedAtOnceNamingTheCall() {
        assertThatThrownBy(() -> lambda().delete("tradebot-gone", "3")).isInstanceOf(AwsCallFailed.class)
                .hasMessage("Lambda DeleteFunction answered 404 ResourceNotFoundException: Function not found:"
                        + " /2015-03-31/functions/tradebot-gone")
                .hasMessageNotContaining("test-secret-access-key");
        assertThat(calls).hasSize(1);
    }

    @Test
    void anAnswerThatIsNotTheServicesJsonIsRefused() {
        answers.put("GET /2015-03-31/functions/tradebot-a/versions", "<html>proxy error</html>");

        assertThatThrownBy(() -> lambda().versions("tradebot-a")).isInstanceOf(AwsCallFailed.class)
                .hasMessage("Lambda ListVersionsByFunction answered something that is not the service's JSON");
    }

    @Test
    void aNetworkFailureIsTriedThreeTimesThenReported() {
        Map<String, String> env = lambdaEnvironment();
        server.stop(0);
        env.put("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:" + server.getAddress().getPort());

        assertThatThrownBy(() -> lambda(env).aliased("tradebot-a")).isInstanceOf(AwsCallFailed.class)
                .hasMessageStartingWith("Lambda ListAliases did not answer (");
    }

    @Test
    void theEndpointIsTheRegionsUnlessAVariableNamesAnother() {
        assertThat(LambdaFunctionVersions.endpoint("eu-west-1")).hasToString("https://lambda.eu-west-1.amazonaws.com");
        assertThat(LambdaFunctionVersions.endpoint("cn-north-1")).hasToString("https://lambda.cn-north-1.amazonaws.com.cn");
        answers.put("GET /2015-03-31/functions/tradebot-a/versions", "{\"Versions\":[]}");
        Map<String, String> env = lambdaEnvironment();
        env.put("AWS_ENDPOINT_URL", env.remove("AWS_ENDPOINT_URL_LAMBDA") + "/");

        assertThat(lambda(env).versions("tradebot-a")).isEmpty();
        assertThat(calls).hasSize(1);
    }

    @Test
    void withoutARegionNothingIsAsked() {
        Map<String, String> env = lambdaEnvironment();
        env.remove("AWS_REGION");

        assertThatThrownBy(() -> lambda(env).versions("tradebot-a")).isInstanceOf(AwsCallFailed.class)
                .hasMessageContaining("AWS_REGION");
        assertThat(calls).isEmpty();
    }
}
