package app.tradebot.runtime;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The environment variables TradeBot has always used (DATABASE_URL, REDIS_URL, RABBITMQ_URL,
 * SECRET_KEY, ...) turned into the Spring properties that configure the same things. The variables
 * win over application properties; explicit Spring properties (tests, command line) win over both.
 */
public class EnvironmentConventions implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "tradebotEnvironmentConventions";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> props = translate(environment::getProperty);
        if (!props.isEmpty()) {
            // After system properties and OS environment, before application.properties.
            environment.getPropertySources().addAfter("systemEnvironment", new MapPropertySource(SOURCE, props));
            if (!environment.getPropertySources().contains(SOURCE)) {
                environment.getPropertySources().addLast(new MapPropertySource(SOURCE, props));
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    interface Lookup {
        String get(String name);
    }

    static Map<String, Object> translate(Lookup env) {
        Map<String, Object> props = new LinkedHashMap<>();
        String databaseUrl = env.get("DATABASE_URL");
        if (notBlank(databaseUrl)) {
            props.putAll(database(databaseUrl));
        }
        String redisUrl = env.get("REDIS_URL");
        if (notBlank(redisUrl)) {
            props.put("spring.data.redis.url", redisUrl.trim());
        }
        String rabbitUrl = env.get("RABBITMQ_URL");
        if (notBlank(rabbitUrl)) {
            props.putAll(rabbit(rabbitUrl));
        }
        copy(env, "PORT", "server.port", props);
        copy(env, "LOG_LEVEL", "logging.level.app.tradebot", props);
        copy(env, "ENVIRONMENT", "tradebot.environment", props);
        copy(env, "FRONTEND_URL", "tradebot.frontend-url", props);
        copy(env, "SECRET_KEY", "tradebot.auth.secret-key", props);
        copy(env, "ALGORITHM", "tradebot.auth.algorithm", props);
        copy(env, "ACCESS_TOKEN_EXPIRE_MINUTES", "tradebot.auth.access-token-expire-minutes", props);
        copy(env, "FERNET_KEY", "tradebot.crypto.fernet-key", props);
        copy(env, "FERNET_KEYS", "tradebot.crypto.fernet-keys", props);
        copy(env, "AUDIT_RETENTION_DAYS", "tradebot.audit.retention-days", props);
        String proxies = env.get("TRUSTED_PROXIES");
        if (notBlank(proxies)) {
            // Only these peers' X-Forwarded-For/-Proto are believed; by default nobody's are.
            props.put("server.forward-headers-strategy", "native");
            props.put("server.tomcat.remoteip.internal-proxies", proxies.trim());
            props.put("server.tomcat.remoteip.trusted-proxies", "");
        }
        return props;
    }

    /** {@code postgresql://user:pass@host:port/db?x=y}, {@code postgres://...} or a {@code jdbc:} URL. */
    static Map<String, Object> database(String url) {
        Map<String, Object> props = new LinkedHashMap<>();
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:")) {
            props.put("spring.datasource.url", trimmed);
            return props;
        }
        URI uri = parse(trimmed, "DATABASE_URL");
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql://");
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        props.put("spring.datasource.url", "jdbc:postgresql://" + host + ":" + port + path + query);
        putCredentials(uri, "spring.datasource.username", "spring.datasource.password", props);
        return props;
    }

    /** {@code amqp://user:pass@host:port/vhost} or {@code amqps://...}; an empty path is vhost "/". */
    static Map<String, Object> rabbit(String url) {
        Map<String, Object> props = new LinkedHashMap<>();
        URI uri = parse(url.trim(), "RABBITMQ_URL");
        boolean tls = "amqps".equals(uri.getScheme());
        if (!tls && !"amqp".equals(uri.getScheme())) {
            throw new IllegalArgumentException("RABBITMQ_URL must start with amqp:// or amqps://");
        }
        props.put("spring.rabbitmq.host", uri.getHost() == null ? "localhost" : uri.getHost());
        props.put("spring.rabbitmq.port", uri.getPort() < 0 ? (tls ? 5671 : 5672) : uri.getPort());
        String path = uri.getRawPath();
        props.put("spring.rabbitmq.virtual-host",
                path == null || path.length() <= 1 ? "/" : decode(path.substring(1)));
        if (tls) {
            props.put("spring.rabbitmq.ssl.enabled", true);
        }
        putCredentials(uri, "spring.rabbitmq.username", "spring.rabbitmq.password", props);
        return props;
    }

    private static void putCredentials(URI uri, String userKey, String passwordKey, Map<String, Object> props) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return;
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        if (!user.isEmpty()) {
            props.put(userKey, decode(user));
        }
        if (colon >= 0) {
            props.put(passwordKey, decode(userInfo.substring(colon + 1)));
        }
    }

    private static URI parse(String url, String variable) {
        try {
            return URI.create(url);
        }
        catch (IllegalArgumentException e) {
            // Never echo the URL: it carries a password.
            throw new IllegalArgumentException(variable + " is not a valid URL (special characters in the password must be percent-encoded)");
        }
    }

    private static void copy(Lookup env, String variable, String property, Map<String, Object> props) {
        String value = env.get(variable);
        if (notBlank(value)) {
            props.put(property, value.trim());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
