package app.tradebot.platform.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * template.yaml itself, deployed on LocalStack as `sam deploy` deploys it: the jar uploaded to S3
 * and the template's CodeUri pointed at it (what `sam package` does), then one CloudFormation
 * stack from the template, the Serverless transform expanding it, with the application secret in
 * Secrets Manager and a broker of our own (ExistingBrokerArn: a RabbitMQ container). A user then
 * registers and signs in through the deployed HTTP API (its `ApiUrl` output's API, reached through
 * LocalStack's `/_aws/execute-api` path), so the route, the authorizer-free login function, its
 * configuration from Globals and the secret read at initialisation are all the template's. The
 * functions' containers join a Docker network with PostgreSQL, Redis and RabbitMQ, as a deployed
 * function reaches RDS, ElastiCache and Amazon MQ in its VPC.
 *
 * <p>Extra coverage: needs a Docker engine (and the images), and skips itself without one. It has
 * not run on the machines this project is built on (no Docker there). A LocalStack image without a
 * service the template uses (the HTTP API, Amazon MQ event sources, RDS Proxy are not in every
 * edition) fails the stack, and the failure names the resource.
 */
@Testcontainers(disabledWithoutDocker = true)
class LoginOnLocalStackIT {

    /** Community images end below 4.15; this one runs java21 functions and CloudFormation's SAM transform. */
    static final DockerImageName LOCALSTACK = DockerImageName.parse("localstack/localstack:4.14");
    static final Path ARTIFACT = Path.of("target/tradebot-functions-aws.jar");
    static final Path TEMPLATE = Path.of("../template.yaml");
    static final String BUCKET = "tradebot-artifacts";
    static final String STACK = "tradebot";
    static final String SECRET_KEY = "localstack-only-signing-key-".repeat(4);
    // 32 zero bytes, url-safe base64: a well-formed Fernet key for a throwaway stack.
    static final String FERNET_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static Network network;
    private static PostgreSQLContainer postgres;
    private static GenericContainer<?> redis;
    private static GenericContainer<?> rabbitmq;
    private static LocalStackContainer localstack;
    private static String apiId;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void deploy() throws Exception {
        assertThat(ARTIFACT).as("the Lambda artifact (mvn package builds it before the ITs)").isRegularFile();
        network = Network.newNetwork();
        postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:17-alpine"))
                .withDatabaseName("tradebot_db").withUsername("tradebot_user").withPassword("localstack")
                .withNetwork(network).withNetworkAliases("postgres");
        redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
                .withNetwork(network).withNetworkAliases("redis")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
        rabbitmq = new GenericContainer<>(DockerImageName.parse("rabbitmq:3.13-alpine"))
                .withNetwork(network).withNetworkAliases("rabbitmq")
                .waitingFor(Wait.forLogMessage(".*Server startup complete.*\\n", 1).withStartupTimeout(Duration.ofMinutes(2)));
        localstack = new LocalStackContainer(LOCALSTACK)
                .withServices("cloudformation", "lambda", "s3", "secretsmanager", "iam", "sts", "apigateway", "sqs",
                        "scheduler", "logs", "ec2")
                .withNetwork(network)
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
        String codeUri;
        try (S3Client s3 = S3Client.builder().endpointOverride(localstack.getEndpoint()).credentialsProvider(credentials)
                .region(region).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putObject(b -> b.bucket(BUCKET).key(ARTIFACT.getFileName().toString()), RequestBody.fromFile(ARTIFACT));
            codeUri = "s3://" + BUCKET + "/" + ARTIFACT.getFileName();
        }
        String appSecret;
        String brokerSecret;
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(localstack.getEndpoint())
                .credentialsProvider(credentials).region(region).build()) {
            appSecret = secrets.createSecret(b -> b.name("tradebot/app").secretString(JSON.writeValueAsString(Map.of(
                    "DATABASE_URL", "postgresql://tradebot_user:localstack@postgres:5432/tradebot_db",
                    "REDIS_URL", "redis://redis:6379/0",
                    "RABBITMQ_URL", "amqp://guest:guest@rabbitmq:5672/%2F",
                    "SECRET_KEY", SECRET_KEY,
                    "FERNET_KEY", FERNET_KEY)))).arn();
            brokerSecret = secrets.createSecret(b -> b.name("tradebot/broker")
                    .secretString("{\"username\":\"guest\",\"password\":\"guest\"}")).arn();
        }

        // What `sam package` writes: the template with its CodeUri on S3, nothing else changed.
        String template = Files.readString(TEMPLATE);
        Matcher codeUriLine = Pattern.compile("(?m)^    CodeUri: .*$").matcher(template);
        assertThat(codeUriLine.find()).as("Globals.Function.CodeUri in template.yaml").isTrue();
        template = codeUriLine.replaceFirst("    CodeUri: " + codeUri);

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AppSecret", appSecret);
        parameters.put("Environment", "development");
        parameters.put("SubnetIds", "subnet-0a1b2c3d");
        parameters.put("SecurityGroupIds", "sg-0a1b2c3d");
        parameters.put("ExistingBrokerArn", "arn:aws:mq:" + region.id() + ":000000000000:broker:tradebot:b-00000000-0000-0000-0000-000000000000");
        parameters.put("ExistingBrokerSecretArn", brokerSecret);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "CreateStack");
        form.put("StackName", STACK);
        form.put("TemplateBody", template);
        form.put("Capabilities.member.1", "CAPABILITY_IAM");
        form.put("Capabilities.member.2", "CAPABILITY_AUTO_EXPAND");
        int i = 1;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            form.put("Parameters.member." + i + ".ParameterKey", p.getKey());
            form.put("Parameters.member." + i + ".ParameterValue", p.getValue());
            i++;
        }
        cloudFormation(form, credentials, region);

        // The stack, its functions' SnapStart-less versions and the migration step: minutes on LocalStack.
        String status = "";
        String described = "";
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(20));
        while (Instant.now().isBefore(giveUp)) {
            described = cloudFormation(Map.of("Action", "DescribeStacks", "StackName", STACK), credentials, region);
            status = tag(described, "StackStatus");
            if (!status.endsWith("_IN_PROGRESS")) {
                break;
            }
            Thread.sleep(5000);
        }
        if (!"CREATE_COMPLETE".equals(status)) {
            String events = cloudFormation(Map.of("Action", "DescribeStackEvents", "StackName", STACK), credentials, region);
            throw new AssertionError("stack " + status + ": " + tag(described, "StackStatusReason") + "\n" + events);
        }
        Matcher api = Pattern.compile("<OutputKey>ApiUrl</OutputKey>\\s*<OutputValue>https?://([^.]+)\\.execute-api")
                .matcher(described);
        assertThat(api.find()).as("output ApiUrl of the stack: " + described).isTrue();
        apiId = api.group(1);
    }

    @AfterAll
    static void tearDown() {
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

    @Test
    void aUserRegistersAndSignsInThroughTheDeployedHttpApi() throws Exception {
        String email = "localstack-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";

        HttpResponse<String> registered = post("/api/auth/register", Map.of("email", email, "password", password));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(JSON.readTree(registered.body()).path("email").asString()).isEqualTo(email);

        HttpResponse<String> signedIn = post("/api/auth/login", Map.of("email", email, "password", password));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        JsonNode token = JSON.readTree(signedIn.body());
        assertThat(token.path("accessToken").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(Instant.parse(token.path("expiresAt").asString())).isAfter(Instant.now());

        HttpResponse<String> refused = post("/api/auth/login", Map.of("email", email, "password", "not the password at all"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).doesNotContain("accessToken");
    }

    /** A request to the deployed HTTP API's $default stage, through LocalStack's path-style endpoint. */
    private static HttpResponse<String> post(String path, Map<String, String> body) throws IOException, InterruptedException {
        URI uri = URI.create(localstack.getEndpoint() + "/_aws/execute-api/" + apiId + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** CloudFormation's query API (no CloudFormation client is on the classpath), signed as the CLI signs it. */
    private static String cloudFormation(Map<String, String> action, StaticCredentialsProvider credentials, Region region)
            throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder("Version=2010-05-15");
        action.forEach((k, v) -> form.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(localstack.getEndpoint())
                .putHeader("content-type", "application/x-www-form-urlencoded").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials()).request(request)
                .payload(software.amazon.awssdk.http.ContentStreamProvider.fromUtf8String(form.toString()))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "cloudformation")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpRequest.Builder http = HttpRequest.newBuilder(localstack.getEndpoint()).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(action.get("Action") + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : "";
    }
}
