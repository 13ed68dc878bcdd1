package app.tradebot.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

/**
 * The secrets read at initialisation, against a fake Secrets Manager endpoint speaking the
 * service's JSON protocol (X-Amz-Target secretsmanager.GetSecretValue): what is asked, how it is
 * signed (recomputed with the AWS SDK's signer, a test dependency only), what the environment holds
 * afterwards, and how the service's failures stop the start.
 */
class LambdaSecretsTest {

    static final String APP_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tradebot/app-AbCdEf";
    static final String BROKER_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:BrokerSecret-XyZ123";

    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, String> answers = new HashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** How the fake service misbehaves: server errors before it answers, a refusal, a slow or a garbled answer. */
    private volatile int serverErrors;
    private volatile boolean denied;
    private volatile long delayMillis;
    private volatile String garbled;

    record Call(String target, String authorization, String token, String body, String method, String path,
            Map<String, String> headers) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.createContext("/2021-04-23/credentials", this::credentials);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** SnapStart's container credentials endpoint. */
    private void credentials(HttpExchange exchange) throws IOException {
        boolean allowed = "snapstart-authorization".equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] out = ("{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"container-secret\","
                + "\"Token\":\"container-token\",\"Expiration\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(allowed ? 200 : 403, allowed ? out.length : -1);
        if (allowed) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        calls.add(new Call(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"), body, exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), headers));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String arn = answers.keySet().stream().filter(body::contains).findFirst().orElse(null);
        byte[] out;
        int status;
        if (serverErrors > 0) {
            serverErrors--;
            status = 500;
            out = "{\"__type\":\"InternalServiceError\",\"Message\":\"try again\"}".getBytes(StandardCharsets.UTF_8);
        }
        else if (denied) {
            status = 403;
            out = ("{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:sts::123456789012:assumed-role/fn/x is not"
                    + " authorized to perform: secretsmanager:GetSecretValue\"}").getBytes(StandardCharsets.UTF_8);
        }
        else if (garbled != null) {
            status = 200;
            out = garbled.getBytes(StandardCharsets.UTF_8);
        }
        else if (arn == null) {
            status = 400;
            out = "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret.\"}"
                    .getBytes(StandardCharsets.UTF_8);
        }
        else {
            status = 200;
            out = ("{\"ARN\":\"" + arn + "\",\"Name\":\"n\",\"VersionId\":\"v1\",\"SecretString\":"
                    + quote(answers.get(arn)) + "}").getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "ASIATESTKEY");
        env.put("AWS_SECRET_ACCESS_KEY", "test-secret-access-key");
        env.put("AWS_SESSION_TOKEN", "test-session-token");
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + server.getAddress().getPort());
        return env;
    }

    @Test
    void theApplicationSecretBecomesTheVariablesItNamesSignedWithTheFunctionsRole() {
        answers.put(APP_ARN, """
                {"DATABASE_URL":"postgresql://tradebot:p%40ss@db.internal:5432/tradebot_db",
                 "REDIS_URL":"rediss://:token@cache.internal:6379/0","SECRET_KEY":"k","FERNET_KEY":"f",
                 "FERNET_KEYS":"","lower":"ignored","PORT_NUMBER":7}""");
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);
        env.put("APP_SECRET_VERSION", "v1");

        Map<String, Object> values = LambdaSecrets.read(env::get);

        assertThat(values).containsOnly(
                Map.entry("DATABASE_URL", "postgresql://tradebot:p%40ss@db.internal:5432/tradebot_db"),
                Map.entry("REDIS_URL", "rediss://:token@cache.internal:6379/0"),
                Map.entry("SECRET_KEY", "k"), Map.entry("FERNET_KEY", "f"));
        assertThat(calls).hasSize(1);
        Call call = calls.get(0);
        assertThat(call.target()).isEqualTo("secretsmanager.GetSecretValue");
        assertThat(call.body()).contains("\"SecretId\":\"" + APP_ARN + "\"").contains("\"VersionId\":\"v1\"");
        assertThat(call.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=ASIATESTKEY/")
                .contains("/eu-west-1/secretsmanager/aws4_request").contains("Signature=");
        assertThat(call.token()).isEqualTo("test-session-token");
    }

    @Test
    void theSecretsReachSpringPropertiesButRealVariablesWin() {
        answers.put(APP_ARN, "{\"DATABASE_URL\":\"postgresql://u:pw@db.internal:5432/tradebot_db\",\"SECRET_KEY\":\"from-secret\"}");
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);
        env.put("SECRET_KEY", "from-variable");
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            public Map<String, Object> getSystemEnvironment() {
                return new HashMap<>(env);
            }
        };

        new LambdaSecrets().postProcessEnvironment(environment, new SpringApplication());
        new EnvironmentConventions().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.internal:5432/tradebot_db");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("pw");
        assertThat(environment.getProperty("tradebot.auth.secret-key")).isEqualTo("from-variable");
    }

    @Test
    void theCreatedBrokersSecretAndEndpointMakeTheBrokerUrl() {
        answers.put(BROKER_ARN, "{\"username\":\"tradebot\",\"password\":\"a b/c\"}");
        Map<String, String> env = lambdaEnvironment();
        env.put("BROKER_SECRET_ARN", BROKER_ARN);
        env.put("BROKER_AMQP_ENDPOINT", "amqps://b-1234.mq.eu-west-1.amazonaws.com:5671");

        Map<String, Object> values = LambdaSecrets.read(env::get);

        assertThat(values).containsOnly(Map.entry("RABBITMQ_URL",
                "amqps://tradebot:a%20b%2Fc@b-1234.mq.eu-west-1.amazonaws.com:5671"));
        assertThat(EnvironmentConventions.rabbit((String) values.get("RABBITMQ_URL")))
                .containsEntry("spring.rabbitmq.password", "a b/c")
                .containsEntry("spring.rabbitmq.ssl.enabled", true);
    }

    @Test
    void withRdsProxyTheDatabaseUrlPointsAtTheProxyOverTls() {
        answers.put(APP_ARN, "{\"DATABASE_URL\":\"postgresql://tradebot:p%40ss@db.internal:5432/tradebot_db\"}");
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);
        env.put("DATABASE_PROXY_ENDPOINT", "stack-db.proxy-abc.eu-west-1.rds.amazonaws.com");

        Map<String, Object> values = LambdaSecrets.read(env::get);

        assertThat(values).containsEntry("DATABASE_URL",
                "postgresql://tradebot:p%40ss@stack-db.proxy-abc.eu-west-1.rds.amazonaws.com:5432/tradebot_db?sslmode=require");
        assertThat(EnvironmentConventions.database((String) values.get("DATABASE_URL")))
                .containsEntry("spring.datasource.password", "p@ss");
        assertThat(LambdaSecrets.throughProxy("postgres://u@h/d?sslmode=verify-full", "proxy"))
                .isEqualTo("postgres://u@proxy/d?sslmode=verify-full");
    }

    @Test
    void withoutTheVariablesNothingIsAsked() {
        assertThat(LambdaSecrets.read(lambdaEnvironment()::get)).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void aMissingSecretStopsTheStartNamingTheVariableAndTheSecret() {
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThatThrownBy(() -> LambdaSecrets.read(env::get))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("APP_SECRET_ARN: ")
                .hasMessageContaining(APP_ARN)
                .hasMessageContaining("find the specified secret");
    }

    @Test
    void aSecretThatIsNoJsonObjectIsRefusedWithoutEchoingIt() {
        answers.put(APP_ARN, "hunter2-plain-text");
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThatThrownBy(() -> LambdaSecrets.read(env::get))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("is not a JSON object")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aBrokerSecretWithoutItsEndpointIsRefused() {
        Map<String, String> env = lambdaEnvironment();
        env.put("BROKER_SECRET_ARN", BROKER_ARN);

        assertThatThrownBy(() -> LambdaSecrets.read(env::get))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("BROKER_AMQP_ENDPOINT: ");
    }

    /** The request as Secrets Manager checks it: the SDK's signer, given what arrived, computes the same signature. */
    @Test
    void theRequestIsSignedAsTheSdkSignsIt() {
        answers.put(APP_ARN, "{\"SECRET_KEY\":\"k\"}");
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);

        LambdaSecrets.read(env::get);

        Call call = calls.get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/");
        assertThat(call.headers()).containsEntry("content-type", "application/x-amz-json-1.1")
                .containsEntry("x-amz-content-sha256", SigV4.payloadHash(call.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(call.authorization()).contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-security-token;x-amz-target,");
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(call.headers().get("x-amz-date"), Instant::from);
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint);
        for (String name : List.of("content-type", "x-amz-target", "x-amz-content-sha256")) {
            request.putHeader(name, call.headers().get(name));
        }
        String expected = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create("ASIATESTKEY", "test-secret-access-key", "test-session-token"))
                .request(request.build())
                .payload(ContentStreamProvider.fromUtf8String(call.body()))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
        assertThat(call.authorization()).isEqualTo(expected);
    }

    /** Under SnapStart Lambda gives no credentials in the environment: the container endpoint's sign the call. */
    @Test
    void withSnapStartTheContainerEndpointsCredentialsSignTheCall() {
        answers.put(APP_ARN, "{\"SECRET_KEY\":\"from-secret\"}");
        Map<String, String> env = lambdaEnvironment();
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.remove("AWS_SESSION_TOKEN");
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + server.getAddress().getPort() + "/2021-04-23/credentials");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "snapstart-authorization");
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThat(LambdaSecrets.read(env::get)).containsOnly(Map.entry("SECRET_KEY", "from-secret"));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).authorization()).startsWith("AWS4-HMAC-SHA256 Credential=ASIACONTAINER/");
        assertThat(calls.get(0).token()).isEqualTo("container-token");
    }

    @Test
    void withoutCredentialsTheStartStopsSayingSo() {
        Map<String, String> env = lambdaEnvironment();
        env.remove("AWS_ACCESS_KEY_ID");
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThatThrownBy(() -> LambdaSecrets.read(env::get))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("APP_SECRET_ARN: Secrets Manager did not return secret " + APP_ARN)
                .hasMessageContaining("No AWS credentials")
                .hasMessageNotContaining("test-secret-access-key");
        assertThat(calls).isEmpty();
    }

    @Test
    void aRefusalStopsTheStartWithTheServicesReason() {
        denied = true;
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThatThrownBy(() -> LambdaSecrets.read(env::get))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("APP_SECRET_ARN: Secrets Manager did not return secret " + APP_ARN)
                .hasMessageContaining("403 AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/fn/x is not authorized")
                .hasMessageNotContaining("test-secret-access-key").hasMessageNotContaining("test-session-token");
        assertThat(((ConfigurationProblem) catchThrowable(() -> LambdaSecrets.read(env::get))).action())
                .contains("secretsmanager:GetSecretValue");
        assertThat(calls).hasSize(2); // a refusal is not tried again
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeStopsTheStartAfterThreeAttempts() {
        answers.put(APP_ARN, "{\"SECRET_KEY\":\"k\"}");
        delayMillis = 3_000;
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThatThrownBy(() -> LambdaSecrets.read(env::get, Duration.ofMillis(300)))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("APP_SECRET_ARN: Secrets Manager did not return secret " + APP_ARN)
                .hasMessageContaining("no answer within 300 ms");
        assertThat(calls).hasSize(3);
    }

    @Test
    void serverErrorsAreTriedAgain() {
        answers.put(APP_ARN, "{\"SECRET_KEY\":\"k\"}");
        serverErrors = 2;
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThat(LambdaSecrets.read(env::get)).containsOnly(Map.entry("SECRET_KEY", "k"));
        assertThat(calls).hasSize(3);
    }

    @Test
    void anAnswerThatIsNotTheServicesJsonStopsTheStartWithoutEchoingIt() {
        garbled = "<html>hunter2</html>";
        Map<String, String> env = lambdaEnvironment();
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThatThrownBy(() -> LambdaSecrets.read(env::get))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("APP_SECRET_ARN: Secrets Manager did not return secret " + APP_ARN)
                .hasMessageContaining("not the service's JSON")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void withoutARegionTheStartStopsNamingIt() {
        Map<String, String> env = lambdaEnvironment();
        env.remove("AWS_REGION");
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThatThrownBy(() -> LambdaSecrets.read(env::get))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("AWS_REGION: ");
        assertThat(calls).isEmpty();
    }

    @Test
    void theRegionsEndpointIsSecretsManagersOwn() {
        assertThat(SecretsManager.endpoint("eu-west-1")).hasToString("https://secretsmanager.eu-west-1.amazonaws.com");
        assertThat(SecretsManager.endpoint("cn-north-1")).hasToString("https://secretsmanager.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void withoutItsOwnEndpointVariableEveryServicesEndpointIsUsed() {
        answers.put(APP_ARN, "{\"SECRET_KEY\":\"k\"}");
        Map<String, String> env = lambdaEnvironment();
        env.put("AWS_ENDPOINT_URL", env.remove("AWS_ENDPOINT_URL_SECRETS_MANAGER"));
        env.put("APP_SECRET_ARN", APP_ARN);

        assertThat(LambdaSecrets.read(env::get)).containsOnly(Map.entry("SECRET_KEY", "k"));
        assertThat(calls).hasSize(1);

        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", "not a url");
        assertThatThrownBy(() -> LambdaSecrets.read(env::get)).isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("AWS_ENDPOINT_URL_SECRETS_MANAGER: ");
    }
}
