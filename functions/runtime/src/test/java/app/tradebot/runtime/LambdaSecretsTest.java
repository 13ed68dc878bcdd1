package app.tradebot.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

/**
 * The secrets read at initialisation, against a fake Secrets Manager endpoint speaking the
 * service's JSON protocol (X-Amz-Target secretsmanager.GetSecretValue): what is asked, how it is
 * signed, and what the environment holds afterwards.
 */
class LambdaSecretsTest {

    static final String APP_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tradebot/app-AbCdEf";
    static final String BROKER_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:BrokerSecret-XyZ123";

    private HttpServer server;
    private final Map<String, String> answers = new HashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    record Call(String target, String authorization, String token, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"), body));
        String arn = answers.keySet().stream().filter(body::contains).findFirst().orElse(null);
        byte[] out;
        int status;
        if (arn == null) {
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
}
