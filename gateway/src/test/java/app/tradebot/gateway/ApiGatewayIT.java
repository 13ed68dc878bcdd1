package app.tradebot.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

import app.tradebot.runtime.FunctionInvocations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway over real HTTP on a random port, with real Redis for throttling. */
@SpringBootTest(classes = GatewayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tradebot.roles=gateway",
            "tradebot.template-location=src/test/resources/gateway-template.yaml",
            "tradebot.gateway.max-body-bytes=4096",
            "tradebot.frontend-url=http://localhost:3000",
            // As TRUSTED_PROXIES sets it: the loopback peer is the trusted proxy.
            "server.forward-headers-strategy=" + TradeBotLauncher.FORWARD_HEADERS_STRATEGY,
            "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
            "spring.cloud.stream.function.autodetect=false",
            "logging.pattern.correlation=[%X{requestId:-}] "
        })
@ExtendWith(OutputCaptureExtension.class)
class ApiGatewayIT {

    private static final String FRONTEND = "http://localhost:3000";

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

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestFunctions.AuthorizerCalls authorizerCalls;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    // --- routing ---------------------------------------------------------------------------

    @Test
    void unknownPathIsA404Problem() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/nope", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, 404, "Not Found");
        assertThat(body(response).get("instance").asString()).isEqualTo("/api/nope");
    }

    @Test
    void trailingSlashIsAnotherPath() throws Exception {
        assertThat(send("POST", "/api/echo/", BodyPublishers.ofString("{}"), "Content-Type", "application/json")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void knownPathWithWrongMethodIsA405WithAllow() throws Exception {
        HttpResponse<byte[]> response = send("DELETE", "/api/echo", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST, PUT");
        assertProblem(response, 405, "Method Not Allowed");
    }

    @Test
    void plainOptionsWithoutPreflightHeadersIsA405() throws Exception {
        HttpResponse<byte[]> response = send("OPTIONS", "/api/echo", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void pathParametersAreDecodedAndNamedAfterTheTemplate() throws Exception {
        JsonNode event = body(send("GET", "/api/items/42/notes/n%20one", BodyPublishers.noBody()));

        assertThat(event.get("routeKey").asString()).isEqualTo("GET /api/items/{itemId}/notes/{noteId}");
        assertThat(event.get("rawPath").asString()).isEqualTo("/api/items/42/notes/n%20one");
        assertThat(event.get("pathParameters").get("itemId").asString()).isEqualTo("42");
        assertThat(event.get("pathParameters").get("noteId").asString()).isEqualTo("n one");
    }

    @Test
    void aLiteralSegmentBeatsAParameter() throws Exception {
        JsonNode event = body(send("GET", "/api/items/42/notes/latest", BodyPublishers.noBody()));

        assertThat(event.get("routeKey").asString()).isEqualTo("GET /api/items/{itemId}/notes/latest");
        assertThat(event.get("pathParameters").get("itemId").asString()).isEqualTo("42");
        assertThat(event.get("pathParameters").has("noteId")).isFalse();
    }

    @Test
    void greedyParameterTakesTheRestOfThePath() throws Exception {
        JsonNode event = body(send("GET", "/api/files/reports/2026/q1.csv", BodyPublishers.noBody()));

        assertThat(event.get("routeKey").asString()).isEqualTo("GET /api/files/{proxy+}");
        assertThat(event.get("pathParameters").get("proxy").asString()).isEqualTo("reports/2026/q1.csv");
        assertThat(send("GET", "/api/files/", BodyPublishers.noBody()).statusCode()).isEqualTo(404);
    }

    // --- the payload 2.0 event -----------------------------------------------------------------

    @Test
    void behindAProxyTheClientAddressAndSchemeComeFromItsForwardedHeaders() throws Exception {
        // The peer (loopback) is a trusted proxy; of the chain, the right-most untrusted address is the client.
        HttpResponse<byte[]> response = send("POST", "/api/echo", BodyPublishers.ofString("{}"),
                "Content-Type", "application/json", "X-Forwarded-For", "198.51.100.1, 203.0.113.9",
                "X-Forwarded-Proto", "https");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = body(response);
        assertThat(event.get("requestContext").get("http").get("sourceIp").asString()).isEqualTo("203.0.113.9");
        assertThat(event.get("headers").get("x-forwarded-proto").asString()).isEqualTo("https");
    }

    @Test
    void buildsThePayload2EventLambdaWouldGet() throws Exception {
        HttpResponse<byte[]> response = send("POST", "/api/echo?b=2&a=1&a=3&empty=&sp=x+y%26z",
                BodyPublishers.ofString("{\"email\":\"a@b.c\"}"),
                "Content-Type", "application/json", "X-Custom", "v1", "X-Custom", "v2", "X-MiXeD-Case", "yes",
                "Cookie", "c1=1; c2=2", "User-Agent", "gateway-test/1.0");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = body(response);
        assertThat(event.get("version").asString()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asString()).isEqualTo("POST /api/echo");
        assertThat(event.get("rawPath").asString()).isEqualTo("/api/echo");
        assertThat(event.get("rawQueryString").asString()).isEqualTo("b=2&a=1&a=3&empty=&sp=x+y%26z");
        JsonNode query = event.get("queryStringParameters");
        assertThat(query.get("a").asString()).isEqualTo("1,3");
        assertThat(query.get("b").asString()).isEqualTo("2");
        assertThat(query.get("empty").asString()).isEmpty();
        assertThat(query.get("sp").asString()).isEqualTo("x y&z");
        JsonNode headers = event.get("headers");
        assertThat(names(headers)).allSatisfy(name -> assertThat(name).isEqualTo(name.toLowerCase()));
        assertThat(headers.get("x-custom").asString()).isEqualTo("v1,v2");
        assertThat(headers.get("x-mixed-case").asString()).isEqualTo("yes");
        assertThat(headers.get("content-type").asString()).isEqualTo("application/json");
        assertThat(headers.get("x-forwarded-for").asString()).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-forwarded-port").asString()).isEqualTo(Integer.toString(port));
        assertThat(headers.has("cookie")).isFalse();
        assertThat(event.get("cookies").valueStream().map(JsonNode::asString).toList()).containsExactly("c1=1", "c2=2");
        assertThat(event.get("body").asString()).isEqualTo("{\"email\":\"a@b.c\"}");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.get("pathParameters").isNull()).isTrue();

        JsonNode context = event.get("requestContext");
        assertThat(context.get("http").get("method").asString()).isEqualTo("POST");
        assertThat(context.get("http").get("path").asString()).isEqualTo("/api/echo");
        assertThat(context.get("http").get("protocol").asString()).isEqualTo("HTTP/1.1");
        assertThat(context.get("http").get("sourceIp").asString()).isEqualTo("127.0.0.1");
        assertThat(context.get("http").get("userAgent").asString()).isEqualTo("gateway-test/1.0");
        assertThat(context.get("routeKey").asString()).isEqualTo("POST /api/echo");
        assertThat(context.get("stage").asString()).isEqualTo("$default");
        assertThat(context.get("accountId").asString()).isEqualTo("000000000000");
        assertThat(context.get("apiId").asString()).isEqualTo("local");
        assertThat(context.get("domainName").asString()).isEqualTo("localhost");
        assertThat(context.get("requestId").asString()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(context.get("time").asString()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.get("timeEpoch").asLong()).isGreaterThan(1_700_000_000_000L);
        assertThat(context.get("authorizer").isNull()).isTrue();
    }

    @Test
    void withoutQueryOrCookiesThoseFieldsAreAbsent() throws Exception {
        JsonNode event = body(send("GET", "/api/items/1/notes/2", BodyPublishers.noBody()));

        assertThat(event.get("rawQueryString").asString()).isEmpty();
        assertThat(event.get("queryStringParameters").isNull()).isTrue();
        assertThat(event.get("cookies").isNull()).isTrue();
        assertThat(event.get("body").isNull()).isTrue();
    }

    @Test
    void binaryBodiesTravelBase64Encoded() throws Exception {
        byte[] bytes = { 0, (byte) 0x80, (byte) 0xff, 'x', '\n' };
        JsonNode event = body(send("PUT", "/api/echo", BodyPublishers.ofByteArray(bytes),
                "Content-Type", "application/octet-stream"));

        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.get("body").asString())).isEqualTo(bytes);
    }

    @Test
    void formPostsAreBase64EncodedAsInApiGateway() throws Exception {
        JsonNode event = body(send("POST", "/api/echo", BodyPublishers.ofString("a=1&b=2"),
                "Content-Type", "application/x-www-form-urlencoded"));

        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.get("body").asString()), StandardCharsets.UTF_8))
                .isEqualTo("a=1&b=2");
    }

    @Test
    void textInAnotherCharsetArrivesDecoded() throws Exception {
        JsonNode event = body(send("POST", "/api/echo", BodyPublishers.ofByteArray("café".getBytes(StandardCharsets.ISO_8859_1)),
                "Content-Type", "text/plain; charset=ISO-8859-1"));

        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.get("body").asString()).isEqualTo("café");
    }

    // --- the function's response -----------------------------------------------------------------

    @Test
    void mapsStatusHeadersMultiValueHeadersCookiesAndBase64Body() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/download", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(TestFunctions.DOWNLOAD);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(response.headers().allValues("X-Multi")).containsExactly("one", "two");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; HttpOnly");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(
                id -> assertThat(id).isNotEqualTo("forged-by-function"));
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(TestFunctions.DOWNLOAD.length);
    }

    @Test
    void aThrowingFunctionIsA500WithoutDetails(CapturedOutput output) throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/fail", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(500);
        assertProblem(response, 500, "Internal Server Error");
        assertThat(body(response).has("detail")).isFalse();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("secret", "Exception");
        // The server log keeps what the client must not see.
        assertThat(output.getOut()).contains("secret detail that must not leak");
    }

    @Test
    void aNullResponseIsA502() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/nothing", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(502);
        assertProblem(response, 502, "Bad Gateway");
    }

    // --- body limit --------------------------------------------------------------------------

    @Test
    void aBodyAtTheLimitPasses() throws Exception {
        byte[] body = new byte[4096];
        Arrays.fill(body, (byte) 'a');
        HttpResponse<byte[]> response = send("POST", "/api/echo", BodyPublishers.ofByteArray(body),
                "Content-Type", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("body").asString()).hasSize(4096);
    }

    @Test
    void aDeclaredBodyOverTheLimitIsA413() throws Exception {
        HttpResponse<byte[]> response = send("POST", "/api/echo", BodyPublishers.ofByteArray(new byte[4097]),
                "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, 413, "Content Too Large");
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413() throws Exception {
        byte[] body = new byte[64 * 1024];
        HttpResponse<byte[]> response = send("POST", "/api/echo",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, 413, "Content Too Large");
    }

    // --- authorizer -------------------------------------------------------------------------------

    @Test
    void anAuthorizedRouteWithoutTokenIs401WithoutCallingTheAuthorizer() throws Exception {
        int callsBefore = authorizerCalls.count().get();
        HttpResponse<byte[]> response = send("GET", "/api/whoami", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(authorizerCalls.count().get()).isEqualTo(callsBefore);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertProblem(response, 401, "Unauthorized");
    }

    @Test
    void aDeniedTokenIs401() throws Exception {
        int callsBefore = authorizerCalls.count().get();
        HttpResponse<byte[]> response = send("GET", "/api/whoami", BodyPublishers.noBody(),
                "Authorization", "Bearer forged");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(authorizerCalls.count().get()).isEqualTo(callsBefore + 1);
        assertThat(body(response).has("detail")).isTrue();
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertProblem(response, 401, "Unauthorized");
    }

    @Test
    void aFailingAuthorizerIs500WithoutDetails() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/whoami", BodyPublishers.noBody(),
                "Authorization", TestFunctions.EXPLODING_TOKEN);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("authorizer broke");
    }

    // --- metrics ---------------------------------------------------------------------------

    @Test
    void failuresAreTimedAsErrorsNamingTheException() throws Exception {
        double thrown = invocations("fail", "ERROR", "IllegalStateException");
        double invalid = invocations("answerNothing", "ERROR", "InvalidFunctionResponse");
        double authorizer = invocations("authorize", "ERROR", "IllegalStateException");
        double routeNotReached = invocations("whoAmI", "ERROR", "none") + invocations("whoAmI", "SUCCESS", "none");

        send("GET", "/api/fail", BodyPublishers.noBody());
        send("GET", "/api/nothing", BodyPublishers.noBody());
        send("GET", "/api/whoami", BodyPublishers.noBody(), "Authorization", TestFunctions.EXPLODING_TOKEN);

        assertThat(invocations("fail", "ERROR", "IllegalStateException")).isEqualTo(thrown + 1);
        assertThat(invocations("answerNothing", "ERROR", "InvalidFunctionResponse")).isEqualTo(invalid + 1);
        assertThat(invocations("authorize", "ERROR", "IllegalStateException")).isEqualTo(authorizer + 1);
        assertThat(invocations("whoAmI", "ERROR", "none") + invocations("whoAmI", "SUCCESS", "none"))
                .isEqualTo(routeNotReached);
    }

    private double invocations(String function, String outcome, String exception) {
        Timer timer = meters.find(FunctionInvocations.METER).tags("function", function, "trigger", "http",
                "outcome", outcome, "exception", exception).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void theAuthorizersContextReachesTheFunction() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/whoami?x=1", BodyPublishers.noBody(),
                "Authorization", TestFunctions.GOOD_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode lambda = body(response).get("requestContext").get("authorizer").get("lambda");
        assertThat(lambda.get("userId").asString()).isEqualTo(TestFunctions.USER_ID);
        // What the authorizer itself was given: API Gateway's v2 REQUEST authorizer payload.
        assertThat(lambda.get("type").asString()).isEqualTo("REQUEST");
        assertThat(lambda.get("routeArn").asString())
                .isEqualTo("arn:aws:execute-api:local:000000000000:local/$default/GET/api/whoami");
        assertThat(lambda.get("identitySource").valueStream().map(JsonNode::asString).toList())
                .containsExactly(TestFunctions.GOOD_TOKEN);
        assertThat(lambda.get("bodySeen").isNull()).isTrue();
    }

    @Test
    void openRoutesIgnoreTheAuthorizationHeader() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/items/1/notes/2", BodyPublishers.noBody(),
                "Authorization", "Bearer forged");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("requestContext").get("authorizer").isNull()).isTrue();
    }

    // --- CORS -------------------------------------------------------------------------------------

    @Test
    void anAllowedPreflightIsAnsweredByTheGateway() throws Exception {
        HttpResponse<byte[]> response = send("OPTIONS", "/api/echo", BodyPublishers.noBody(), "Origin", FRONTEND,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type, authorization");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(FRONTEND);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET,POST,PUT,PATCH,DELETE,OPTIONS");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).contains("authorization,content-type,x-request-id");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).contains("600");
    }

    @Test
    void aForeignPreflightGetsNoCorsHeaders() throws Exception {
        HttpResponse<byte[]> response = send("OPTIONS", "/api/echo", BodyPublishers.noBody(),
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void aPreflightAskingForAnotherHeaderGetsNoCorsHeaders() throws Exception {
        HttpResponse<byte[]> response = send("OPTIONS", "/api/echo", BodyPublishers.noBody(), "Origin", FRONTEND,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-secret");

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aSimpleRequestFromTheFrontendGetsCorsHeaders() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/items/1/notes/2", BodyPublishers.noBody(), "Origin", FRONTEND);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(FRONTEND);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).contains("x-request-id,retry-after");
        assertThat(response.headers().firstValue("Vary")).contains("Origin");
    }

    @Test
    void errorsCarryCorsHeadersSoThePageCanReadThem() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/nope", BodyPublishers.noBody(), "Origin", FRONTEND);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(FRONTEND);
    }

    @Test
    void aRequestFromAForeignOriginIsServedWithoutCorsHeaders() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/items/1/notes/2", BodyPublishers.noBody(),
                "Origin", "https://evil.example");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    // --- throttling -------------------------------------------------------------------------------

    @Test
    void aRouteOverItsBurstIsThrottledWithRetryAfter() throws Exception {
        redis.delete(RouteThrottle.KEY_PREFIX + "GET /api/limited");

        assertThat(send("GET", "/api/limited", BodyPublishers.noBody()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/limited", BodyPublishers.noBody()).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> third = send("GET", "/api/limited", BodyPublishers.noBody());

        assertThat(third.statusCode()).isEqualTo(429);
        assertProblem(third, 429, "Too Many Requests");
        // Rate 0.01/s: the next token is up to 100 s away.
        assertThat(third.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(1L, 100L);
        assertThat(redis.getExpire(RouteThrottle.KEY_PREFIX + "GET /api/limited")).isPositive();
        // Other routes have their own bucket.
        assertThat(send("GET", "/api/items/1/notes/2", BodyPublishers.noBody()).statusCode()).isEqualTo(200);
    }

    // --- request ids and access log -------------------------------------------------------------------

    @Test
    void aSaneIncomingRequestIdIsKeptEverywhere(CapturedOutput output) throws Exception {
        HttpResponse<byte[]> response = send("POST", "/api/echo", BodyPublishers.ofString("{}"),
                "Content-Type", "application/json", "X-Request-Id", "req-4711.abc");

        assertThat(response.headers().firstValue("X-Request-Id")).contains("req-4711.abc");
        assertThat(body(response).get("requestContext").get("requestId").asString()).isEqualTo("req-4711.abc");
        // The line is written once the response has gone out, so it may land just after the client has it.
        await().untilAsserted(() -> assertThat(output.getOut()).containsPattern(
                "\\[req-4711\\.abc\\] .*app\\.tradebot\\.gateway\\.access.*method=POST path=/api/echo status=200 bytes=\\d+ "
                        + "durationMs=\\d+ requestId=req-4711\\.abc sourceIp=127\\.0\\.0\\.1"));
    }

    @Test
    void anInsaneIncomingRequestIdIsReplaced() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/items/1/notes/2", BodyPublishers.noBody(),
                "X-Request-Id", "evil id\twith spaces");

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(body(response).get("requestContext").get("requestId").asString()).isEqualTo(id);
    }

    @Test
    void errorsCarryARequestIdAndAreLogged(CapturedOutput output) throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/nope", BodyPublishers.noBody());

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        await().untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("method=GET path=/api/nope status=404 bytes=\\d+ durationMs=\\d+ requestId=" + id));
    }

    // --- OpenAPI and Swagger UI -------------------------------------------------------------------

    @Test
    void servesAnOpenApi31DocumentOfEveryRoute() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/openapi.json", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode doc = body(response);
        assertThat(doc.get("openapi").asString()).isEqualTo("3.1.0");
        assertThat(doc.get("info").get("title").asString()).isNotBlank();
        JsonNode paths = doc.get("paths");
        assertThat(names(paths)).containsExactlyInAnyOrder("/api/echo", "/api/items/{itemId}/notes/{noteId}",
                "/api/items/{itemId}/notes/latest", "/api/files/{proxy}", "/api/whoami", "/api/fail", "/api/nothing",
                "/api/download", "/api/limited");
        assertThat(names(paths.get("/api/echo"))).containsExactlyInAnyOrder("post", "put");

        JsonNode post = paths.get("/api/echo").get("post");
        assertThat(post.get("requestBody").get("content").get("application/json").get("schema").get("$ref").asString())
                .isEqualTo("#/components/schemas/EchoRequest");
        assertThat(post.get("responses").get("200").get("content").get("application/json").get("schema").get("$ref")
                .asString()).isEqualTo("#/components/schemas/EchoResponse");
        assertThat(names(post.get("responses"))).contains("200", "400", "413");
        assertThat(post.has("security")).isFalse();

        JsonNode note = paths.get("/api/items/{itemId}/notes/{noteId}").get("get");
        assertThat(note.get("parameters").valueStream().map(p -> p.get("name").asString() + ":" + p.get("in").asString()
                + ":" + p.get("required").asBoolean()).toList()).containsExactly("itemId:path:true", "noteId:path:true");
        assertThat(names(note.get("responses"))).contains("200", "404");
        assertThat(note.has("requestBody")).isFalse();

        JsonNode whoami = paths.get("/api/whoami").get("get");
        assertThat(whoami.get("security").get(0).has("bearerAuth")).isTrue();
        assertThat(names(whoami.get("responses"))).contains("401");
        assertThat(whoami.get("responses").get("200").has("content")).isFalse();
        assertThat(doc.get("components").get("securitySchemes").get("bearerAuth").get("scheme").asString()).isEqualTo("bearer");

        assertThat(names(paths.get("/api/limited").get("get").get("responses"))).contains("429");
        // Every route of the test template is throttled (DefaultRouteSettings), and this one takes no input.
        assertThat(names(paths.get("/api/nothing").get("get").get("responses"))).containsExactly("204", "429");
        assertThat(doc.get("components").get("responses").get("TooManyRequests").get("headers").has("Retry-After")).isTrue();
    }

    @Test
    void openApiSchemasComeFromTheRecords() throws Exception {
        JsonNode schemas = body(send("GET", "/api/openapi.json", BodyPublishers.noBody())).get("components").get("schemas");

        JsonNode echo = schemas.get("EchoRequest");
        assertThat(echo.get("type").asString()).isEqualTo("object");
        assertThat(echo.get("required").valueStream().map(JsonNode::asString).toList()).containsExactly("email", "password");
        JsonNode properties = echo.get("properties");
        assertThat(properties.get("email").get("format").asString()).isEqualTo("email");
        assertThat(properties.get("email").get("minLength").asInt()).isEqualTo(1);
        assertThat(properties.get("password").get("minLength").asInt()).isEqualTo(10);
        assertThat(properties.get("password").get("maxLength").asInt()).isEqualTo(72);
        assertThat(properties.get("count").get("type").asString()).isEqualTo("integer");
        assertThat(properties.get("count").get("minimum").asLong()).isEqualTo(1);
        assertThat(properties.get("count").get("maximum").asLong()).isEqualTo(10);
        assertThat(properties.get("amount").get("type").asString()).isEqualTo("string");
        assertThat(properties.get("amount").get("pattern").asString()).isNotBlank();
        assertThat(properties.get("tags").get("type").asString()).isEqualTo("array");
        assertThat(properties.get("tags").get("items").get("$ref").asString()).isEqualTo("#/components/schemas/Tag");
        assertThat(properties.get("ref").get("format").asString()).isEqualTo("uuid");
        assertThat(properties.get("at").get("format").asString()).isEqualTo("date-time");
        assertThat(properties.get("code").get("pattern").asString()).isEqualTo("^[A-Z]+$");

        assertThat(schemas.get("Tag").get("required").get(0).asString()).isEqualTo("name");
        assertThat(schemas.get("EchoResponse").get("properties").get("tag").get("$ref").asString())
                .isEqualTo("#/components/schemas/Tag");
        assertThat(schemas.get("Note").get("properties").get("id").get("format").asString()).isEqualTo("uuid");
        assertThat(names(schemas.get("Problem").get("properties"))).contains("type", "title", "status", "detail", "errors");
    }

    @Test
    void servesSwaggerUiPointedAtTheDocument() throws Exception {
        HttpResponse<byte[]> page = send("GET", "/api/docs", BodyPublishers.noBody());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("/api/openapi.json", "/api/docs/swagger-ui-bundle.js", "/api/docs/swagger-ui.css");

        HttpResponse<byte[]> bundle = send("GET", "/api/docs/swagger-ui-bundle.js", BodyPublishers.noBody());
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(new String(bundle.body(), StandardCharsets.UTF_8)).contains("SwaggerUIBundle");
        assertThat(send("GET", "/api/docs/swagger-ui.css", BodyPublishers.noBody()).statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------------

    private HttpResponse<byte[]> send(String method, String path, BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), BodyHandlers.ofByteArray());
    }

    private JsonNode body(HttpResponse<byte[]> response) {
        return json.readTree(response.body());
    }

    private void assertProblem(HttpResponse<byte[]> response, int status, String title) {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isEqualTo(title);
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    private static List<String> names(JsonNode node) {
        Iterator<String> names = node.propertyNames().iterator();
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
