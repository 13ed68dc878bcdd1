package app.tradebot.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one place where gateway tests find the real services: DATABASE_URL, REDIS_URL and
 * RABBITMQ_URL when set (mapped by EnvironmentConventions), else the CI defaults on loopback.
 */
final class TestServices {

    private TestServices() {
    }

    static void register(DynamicPropertyRegistry registry) {
        registerDatabase(registry);
        if (unset("REDIS_URL")) {
            registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:6379/0");
        }
        if (unset("RABBITMQ_URL")) {
            registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
            registry.add("spring.rabbitmq.port", () -> 5672);
            registry.add("spring.rabbitmq.username", () -> "guest");
            registry.add("spring.rabbitmq.password", () -> "guest");
            registry.add("spring.rabbitmq.virtual-host", () -> "/");
        }
    }

    /** The database alone, for tests that point Redis and RabbitMQ elsewhere. */
    static void registerDatabase(DynamicPropertyRegistry registry) {
        if (unset("DATABASE_URL")) {
            registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/tradebot_test");
            registry.add("spring.datasource.username", () -> "postgres");
        }
    }

    private static boolean unset(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank();
    }
}
