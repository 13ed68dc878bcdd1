package app.tradebot.gateway.local;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Which servers no configuration points at, so the launcher runs them itself. DATABASE_URL,
 * REDIS_URL and RABBITMQ_URL have already become Spring properties (EnvironmentConventions), so
 * the properties alone decide: a URL or host set in any form means the real server is used.
 */
record MissingServices(boolean postgres, boolean redis, boolean amqp) {

    static MissingServices in(Environment environment) {
        return new MissingServices(
                !has(environment, "spring.datasource.url"),
                !has(environment, "spring.data.redis.url") && !has(environment, "spring.data.redis.host"),
                !has(environment, "spring.rabbitmq.host") && !has(environment, "spring.rabbitmq.addresses"));
    }

    boolean any() {
        return postgres || redis || amqp;
    }

    private static boolean has(Environment environment, String property) {
        return StringUtils.hasText(environment.getProperty(property));
    }
}
