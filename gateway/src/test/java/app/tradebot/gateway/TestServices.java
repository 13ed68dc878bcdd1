package app.tradebot.gateway;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one place where gateway tests find the real PostgreSQL, Redis and RabbitMQ: DATABASE_URL,
 * REDIS_URL and RABBITMQ_URL when set (an engineer's isolated database, Redis index and vhost),
 * else the defaults CI runs with. Handed on to a Spring test context by {@link #register}, and to a
 * child process or a context started by FunctionInvoker as the variables, {@link #environment}.
 */
public final class TestServices {

    public static final String DATABASE_URL = variable("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/tradebot_test");
    public static final String REDIS_URL = variable("REDIS_URL", "redis://127.0.0.1:6379/0");
    public static final String RABBITMQ_URL = variable("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F");

    private TestServices() {
    }

    /** The three variables, for a process or a context started from a test. */
    public static Map<String, String> environment() {
        return Map.of("DATABASE_URL", DATABASE_URL, "REDIS_URL", REDIS_URL, "RABBITMQ_URL", RABBITMQ_URL);
    }

    /**
     * As the Spring properties the environment conventions would make of the variables: a test
     * context's dynamic properties come too late for the conventions themselves.
     */
    static void register(DynamicPropertyRegistry registry) {
        registerDatabase(registry);
        registry.add("spring.data.redis.url", () -> REDIS_URL);
        URI rabbit = URI.create(RABBITMQ_URL);
        String vhost = rabbit.getRawPath() == null || rabbit.getRawPath().length() <= 1 ? "/"
                : URLDecoder.decode(rabbit.getRawPath().substring(1), StandardCharsets.UTF_8);
        registry.add("spring.rabbitmq.host", rabbit::getHost);
        registry.add("spring.rabbitmq.port", () -> rabbit.getPort() < 0 ? 5672 : rabbit.getPort());
        registry.add("spring.rabbitmq.username", () -> user(rabbit, "guest"));
        registry.add("spring.rabbitmq.password", () -> password(rabbit, "guest"));
        registry.add("spring.rabbitmq.virtual-host", () -> vhost);
    }

    /** The database alone, for tests that point Redis and RabbitMQ elsewhere. */
    static void registerDatabase(DynamicPropertyRegistry registry) {
        if (DATABASE_URL.startsWith("jdbc:")) {
            registry.add("spring.datasource.url", () -> DATABASE_URL);
        }
        else {
            URI database = URI.create(DATABASE_URL);
            registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + database.getHost() + ":"
                    + (database.getPort() < 0 ? 5432 : database.getPort()) + database.getRawPath());
            registry.add("spring.datasource.username", () -> user(database, "postgres"));
            registry.add("spring.datasource.password", () -> password(database, ""));
        }
    }

    private static String user(URI uri, String fallback) {
        String info = uri.getRawUserInfo();
        return info == null || info.isEmpty() ? fallback : decode(info.split(":", 2)[0]);
    }

    private static String password(URI uri, String fallback) {
        String info = uri.getRawUserInfo();
        if (info == null || !info.contains(":")) {
            return fallback;
        }
        return decode(info.split(":", 2)[1]);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String variable(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
