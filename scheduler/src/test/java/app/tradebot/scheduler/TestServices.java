package app.tradebot.scheduler;

import java.util.Map;

/**
 * The real services the ITs run against: DATABASE_URL, REDIS_URL and RABBITMQ_URL from the
 * environment, else the CI defaults. The one place that defaulting lives.
 */
final class TestServices {

    private TestServices() {
    }

    /** As default properties of a SpringApplication; the runtime's EnvironmentConventions translate them. */
    static Map<String, Object> properties() {
        return Map.of(
                "DATABASE_URL", env("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/tradebot_test"),
                "REDIS_URL", env("REDIS_URL", "redis://127.0.0.1:6379/0"),
                "RABBITMQ_URL", env("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
