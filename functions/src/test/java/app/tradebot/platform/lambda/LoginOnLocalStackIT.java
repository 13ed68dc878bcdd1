package app.tradebot.platform.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Lambda artifact, deployed as AWS deploys it: functions/target/tradebot-functions-aws.jar
 * uploaded to S3 (it is over the 50 MB direct-upload limit) and created as two functions with template.yaml's runtime
 * with template.yaml's handler, register and login, on LocalStack. Each function's container joins
 * a Docker network shared with PostgreSQL, Redis and RabbitMQ containers, as a deployed function
 * reaches RDS, ElastiCache and Amazon MQ in its VPC. Then a user signs up and signs in through
 * HTTP API payload 2.0 events.
 *
 * Extra coverage: needs a Docker engine (and the registry to pull the images), and skips itself
 * without one. The same functions are tested in-process through FunctionInvoker everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class LoginOnLocalStackIT {

    /** The last community images are below 4.15; this one runs java21 functions. */
    static final DockerImageName LOCALSTACK = DockerImageName.parse("localstack/localstack:4.0.3");
    static final Path ARTIFACT = Path.of("target/tradebot-functions-aws.jar");
    static final String BUCKET = "tradebot-artifacts";
    static final String SECRET_KEY = "localstack-only-signing-key-".repeat(4);
    // 32 zero bytes, url-safe base64: a well-formed Fernet key for a throwaway stack.
    static final String FERNET_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static Network network;
    private static PostgreSQLContainer postgres;
    private static GenericContainer<?> redis;
    private static GenericContainer<?> rabbitmq;
    private static LocalStackContainer localstack;
    private static LambdaClient lambda;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void deploy() throws IOException {
        assertThat(ARTIFACT).as("the Lambda artifact (mvn package builds it before the ITs)").isRegularFile();
        network = Network.newNetwork();
        postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:17-alpine"))
                .withDatabaseName("tradebot_db").withUsername("tradebot_user").withPassword("localstack")
                .withNetwork(network).withNetworkAliases("postgres");
        redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
                .withNetwork(network).withNetworkAliases("redis")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
        rabbitmq = new GenericContainer<>(DockerImageName.parse("rabbitmq:3-alpine"))
                .withNetwork(network).withNetworkAliases("rabbitmq")
                .waitingFor(Wait.forLogMessage(".*Server startup complete.*\\n", 1)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        localstack = new LocalStackContainer(LOCALSTACK)
                .withServices("lambda", "s3")
                .withNetwork(network)
                // Function containers join this network: they resolve postgres, redis and rabbitmq.
                .withEnv("LAMBDA_DOCKER_NETWORK", network.getId())
                // A Spring context's cold start, not an idle runtime.
                .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "180");
        postgres.start();
        redis.start();
        rabbitmq.start();
        localstack.start();

        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
        Region region = Region.of(localstack.getRegion());
        try (S3Client s3 = S3Client.builder().endpointOverride(localstack.getEndpoint()).credentialsProvider(credentials)
                .region(region).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putObject(b -> b.bucket(BUCKET).key(ARTIFACT.getFileName().toString()), RequestBody.fromFile(ARTIFACT));
        }
        // A synchronous invoke includes the function's cold start.
        lambda = LambdaClient.builder().endpointOverride(localstack.getEndpoint()).credentialsProvider(credentials)
                .region(region)
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofMinutes(5)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMinutes(6)))
                .build();
        String template = Files.readString(Path.of("../template.yaml"));
        for (String function : new String[] {"register", "login"}) {
            create(function, template);
        }
    }

    @AfterAll
    static void tearDown() {
        if (lambda != null) {
            lambda.close();
        }
        for (AutoCloseable container : new AutoCloseable[] {localstack, rabbitmq, redis, postgres, network}) {
            try {
                if (container != null) {
                    container.close();
                }
            }
            catch (Exception e) {
                // Ryuk removes what is left.
            }
        }
    }

    /** One Lambda per function, as template.yaml's Globals and the function's own definition say. */
    private static void create(String function, String template) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("SPRING_CLOUD_FUNCTION_DEFINITION", function);
        variables.put("ENVIRONMENT", "development");
        variables.put("DATABASE_URL", "postgresql://tradebot_user:localstack@postgres:5432/tradebot_db");
        variables.put("REDIS_URL", "redis://redis:6379/0");
        variables.put("RABBITMQ_URL", "amqp://guest:guest@rabbitmq:5672/%2F");
        variables.put("SECRET_KEY", SECRET_KEY);
        variables.put("FERNET_KEY", FERNET_KEY);
        variables.put("SPRING_CLOUD_STREAM_FUNCTION_AUTODETECT", "false");
        lambda.createFunction(b -> b.functionName("tradebot-" + function)
                .runtime(Runtime.fromValue(globals(template, "Runtime")))
                .handler(globals(template, "Handler"))
                .role("arn:aws:iam::000000000000:role/tradebot-" + function)
                .code(FunctionCode.builder().s3Bucket(BUCKET).s3Key(ARTIFACT.getFileName().toString()).build())
                .memorySize(1024)
                .timeout(300)
                .environment(Environment.builder().variables(variables).build()));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("tradebot-" + function));
    }

    /** A scalar of template.yaml's Globals.Function (Runtime, Handler). */
    private static String globals(String template, String key) {
        Matcher m = Pattern.compile("^Globals:\\n  Function:\\n(?:    .*\\n)*?    " + key + ": (\\S+)$", Pattern.MULTILINE)
                .matcher(template);
        assertThat(m.find()).as("Globals.Function." + key + " in template.yaml").isTrue();
        return m.group(1);
    }

    @Test
    void aUserRegisteredThroughOneLambdaSignsInThroughAnother() {
        String email = "localstack-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";

        JsonNode registered = invoke("register", httpApiEvent("POST", "/api/auth/register",
                json.writeValueAsString(Map.of("email", email, "password", password))));
        assertThat(registered.path("statusCode").asInt()).as(registered.toString()).isEqualTo(201);
        assertThat(json.readTree(registered.path("body").asString()).path("email").asString()).isEqualTo(email);

        JsonNode signedIn = invoke("login", httpApiEvent("POST", "/api/auth/login",
                json.writeValueAsString(Map.of("email", email, "password", password))));
        assertThat(signedIn.path("statusCode").asInt()).as(signedIn.toString()).isEqualTo(200);
        JsonNode token = json.readTree(signedIn.path("body").asString());
        assertThat(token.path("accessToken").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(token.path("tokenType").asString()).isEqualTo("bearer");
        assertThat(Instant.parse(token.path("expiresAt").asString())).isAfter(Instant.now());

        JsonNode refused = invoke("login", httpApiEvent("POST", "/api/auth/login",
                json.writeValueAsString(Map.of("email", email, "password", "not the password at all"))));
        assertThat(refused.path("statusCode").asInt()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.path("headers").path("content-type").asString()).startsWith("application/problem+json");
        assertThat(refused.path("body").asString()).doesNotContain("accessToken");
    }

    private JsonNode invoke(String function, String event) {
        InvokeResponse response = lambda.invoke(b -> b.functionName("tradebot-" + function)
                .payload(SdkBytes.fromUtf8String(event)));
        String payload = response.payload().asUtf8String();
        assertThat(response.functionError()).as(payload).isNull();
        return json.readTree(payload);
    }

    /** What API Gateway's HTTP API sends a Lambda integration (payload format 2.0). */
    private String httpApiEvent(String method, String path, String body) {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        http.put("userAgent", "LoginOnLocalStackIT");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "000000000000");
        context.put("apiId", "localstack");
        context.put("domainName", "localstack.execute-api.us-east-1.amazonaws.com");
        context.put("domainPrefix", "localstack");
        context.put("http", http);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", method + " " + path);
        context.put("stage", "$default");
        context.put("timeEpoch", System.currentTimeMillis());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.put("headers", Map.of("content-type", "application/json", "user-agent", "LoginOnLocalStackIT",
                "x-forwarded-for", "203.0.113.7"));
        event.put("requestContext", context);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return json.writeValueAsString(event);
    }
}
