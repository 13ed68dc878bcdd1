package app.tradebot.gateway.local;

import java.util.Map;

/**
 * The real PostgreSQL, Redis and RabbitMQ the ITs use: DATABASE_URL, REDIS_URL and RABBITMQ_URL
 * when set (each engineer's isolated database, Redis index and vhost), CI's defaults otherwise.
 */
record RealServices(String databaseUrl, String redisUrl, String rabbitmqUrl) {

    static RealServices fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new RealServices(
                env.getOrDefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/tradebot_test"),
                env.getOrDefault("REDIS_URL", "redis://127.0.0.1:6379/0"),
                env.getOrDefault("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F"));
    }

    Map<String, String> asEnvironment() {
        return Map.of("DATABASE_URL", databaseUrl, "REDIS_URL", redisUrl, "RABBITMQ_URL", rabbitmqUrl);
    }
}
