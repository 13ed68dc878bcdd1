package app.tradebot.runtime;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In AWS the functions' configuration holds no secret: it names the secrets (APP_SECRET_ARN, and
 * BROKER_SECRET_ARN with BROKER_AMQP_ENDPOINT for a broker the stack created), and each function
 * reads them from Secrets Manager once, at initialisation (with SnapStart: when its version is
 * published, so a new secret value needs a new version). The application secret is a JSON object
 * whose keys are the variables TradeBot reads (DATABASE_URL, REDIS_URL, SECRET_KEY, FERNET_KEY,
 * FERNET_KEYS, RABBITMQ_URL); they join the environment just below the real environment variables,
 * so {@link EnvironmentConventions} turns them into Spring properties as it does the variables.
 * Nothing happens without those variables: locally and in Compose the secrets are plain variables.
 * <p>
 * The call is TradeBot's own ({@link SecretsManager}, signed with {@link SigV4} and the role's
 * {@link LambdaCredentials}): with S3's presigning, the only use of the AWS SDK the main and HTTP
 * Lambda packages had, and 4.9 MB of each.
 */
public class LambdaSecrets implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "tradebotLambdaSecrets";
    static final String APP_SECRET = "APP_SECRET_ARN";
    static final String BROKER_SECRET = "BROKER_SECRET_ARN";
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** Each attempt's; three attempts at most, as the SDK's 30 s call timeout allowed. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> values = read(environment::getProperty);
        if (values.isEmpty()) {
            return;
        }
        if (environment.getPropertySources().contains("systemEnvironment")) {
            environment.getPropertySources().addAfter("systemEnvironment", new MapPropertySource(SOURCE, values));
        }
        else {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, values));
        }
    }

    /** Before {@link EnvironmentConventions}, which reads what this adds. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    static Map<String, Object> read(EnvironmentConventions.Lookup env) {
        return read(env, TIMEOUT);
    }

    static Map<String, Object> read(EnvironmentConventions.Lookup env, Duration timeout) {
        String appSecret = env.get(APP_SECRET);
        String brokerSecret = env.get(BROKER_SECRET);
        Map<String, Object> values = new LinkedHashMap<>();
        if (blank(appSecret) && blank(brokerSecret)) {
            return values;
        }
        SecretsManager client = client(env, blank(appSecret) ? BROKER_SECRET : APP_SECRET, timeout);
        if (!blank(appSecret)) {
            JsonNode secret = fetch(client, APP_SECRET, appSecret.trim(), env.get("APP_SECRET_VERSION"));
            secret.properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                if (VARIABLE.matcher(entry.getKey()).matches() && value.isString() && !value.asString().isBlank()) {
                    values.put(entry.getKey(), value.asString());
                }
            });
        }
        String proxy = env.get("DATABASE_PROXY_ENDPOINT");
        if (!blank(proxy) && values.get("DATABASE_URL") instanceof String url) {
            values.put("DATABASE_URL", throughProxy(url, proxy.trim()));
        }
        if (!blank(brokerSecret)) {
            values.put("RABBITMQ_URL", brokerUrl(env, client, brokerSecret.trim()));
        }
        return values;
    }

    /**
     * The database URL with its host replaced by the RDS Proxy endpoint: the proxy signs in to the
     * database with the same user, and requires TLS.
     */
    static String throughProxy(String url, String proxyHost) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        }
        catch (IllegalArgumentException e) {
            throw new ConfigurationProblem("DATABASE_URL", "in " + APP_SECRET + " is not a valid URL",
                    "percent-encode special characters of the password");
        }
        if (uri.getHost() == null || url.trim().startsWith("jdbc:")) {
            throw new ConfigurationProblem("DATABASE_URL", "in " + APP_SECRET + " must be postgresql://user:password@host:5432/db"
                    + " when DATABASE_PROXY_ENDPOINT is set", "write it in that form");
        }
        String query = uri.getRawQuery() == null ? "sslmode=require"
                : uri.getRawQuery().contains("sslmode=") ? uri.getRawQuery() : uri.getRawQuery() + "&sslmode=require";
        return uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@") + proxyHost
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + "?" + query;
    }

    /** amqps://user:password@host:5671 from the broker's own secret and its AMQP endpoint. */
    private static String brokerUrl(EnvironmentConventions.Lookup env, SecretsManager client, String arn) {
        String endpoint = env.get("BROKER_AMQP_ENDPOINT");
        if (blank(endpoint)) {
            throw new ConfigurationProblem("BROKER_AMQP_ENDPOINT", "is not set while " + BROKER_SECRET + " is",
                    "set it to the broker's AMQPS endpoint (amqps://host:5671), as template.yaml does");
        }
        JsonNode secret = fetch(client, BROKER_SECRET, arn, null);
        String user = field(secret, "username", arn);
        String password = field(secret, "password", arn);
        URI uri = URI.create(endpoint.trim());
        return "amqps://" + encode(user) + ":" + encode(password) + "@" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static JsonNode fetch(SecretsManager client, String variable, String arn, String version) {
        String text;
        try {
            text = client.secretString(arn, blank(version) ? null : version.trim());
        }
        catch (AwsCallFailed e) {
            throw new ConfigurationProblem(variable, "Secrets Manager did not return secret " + arn + " (" + e.getMessage() + ")",
                    "check that the secret exists in this region and that the function's role may call"
                            + " secretsmanager:GetSecretValue on it", e);
        }
        JsonNode json;
        try {
            json = text == null ? null : JsonMapper.shared().readTree(text);
        }
        catch (JacksonException e) {
            json = null; // never echo the text: it is the secret
        }
        if (json == null || !json.isObject()) {
            throw new ConfigurationProblem(variable, "secret " + arn + " is not a JSON object",
                    "store the secret as a JSON object of variable names and values (SecretString)");
        }
        return json;
    }

    private static String field(JsonNode secret, String key, String arn) {
        JsonNode value = secret.get(key);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new ConfigurationProblem(BROKER_SECRET, "secret " + arn + " has no " + key,
                    "the broker secret holds the keys username and password");
        }
        return value.asString();
    }

    private static SecretsManager client(EnvironmentConventions.Lookup env, String variable, Duration timeout) {
        String region = env.get("AWS_REGION");
        if (blank(region)) {
            throw new ConfigurationProblem("AWS_REGION", "is not set while " + variable + " is",
                    "Lambda sets it; elsewhere set it to the secret's region");
        }
        // the service's own variable, then every service's (LocalStack sets that one in its functions), as the SDK read them
        String endpointVariable = blank(env.get("AWS_ENDPOINT_URL_SECRETS_MANAGER")) ? "AWS_ENDPOINT_URL"
                : "AWS_ENDPOINT_URL_SECRETS_MANAGER";
        String endpoint = env.get(endpointVariable);
        URI uri;
        try {
            uri = blank(endpoint) ? SecretsManager.endpoint(region.trim()) : URI.create(endpoint.trim());
        }
        catch (IllegalArgumentException e) {
            throw new ConfigurationProblem(endpointVariable, "is not a URL", "write it as https://host[:port]");
        }
        return new SecretsManager(uri, region.trim(), LambdaCredentials.from(env::get, Clock.systemUTC()), Clock.systemUTC(),
                timeout);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
