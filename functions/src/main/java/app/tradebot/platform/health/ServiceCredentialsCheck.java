package app.tradebot.platform.health;

import java.util.Locale;

import app.tradebot.runtime.ConfigurationProblem;
import app.tradebot.runtime.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * A long-running process (gateway, worker, scheduler) with a wrong Redis or RabbitMQ password
 * stops at start-up with one clear line naming the variable, instead of starting and then
 * logging a stack trace on every reconnect. A server that is merely unreachable is not a
 * configuration mistake: that only warns, and the connections retry as usual. The database
 * needs no check here: Flyway connects during start-up, and DatabaseAccessAnalyzer reports it.
 * A Lambda (no role) skips this; its first invocation reports the same errors.
 */
@Component
class ServiceCredentialsCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ServiceCredentialsCheck.class);

    private final Environment environment;
    private final ObjectProvider<RedisConnectionFactory> redis;
    private final ObjectProvider<ConnectionFactory> rabbit;

    ServiceCredentialsCheck(Environment environment, ObjectProvider<RedisConnectionFactory> redis,
            ObjectProvider<ConnectionFactory> rabbit) {
        this.environment = environment;
        this.redis = redis;
        this.rabbit = rabbit;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (Roles.of(environment).isEmpty()) {
            return;
        }
        redis.ifAvailable(this::checkRedis);
        rabbit.ifAvailable(this::checkRabbit);
    }

    void checkRedis(RedisConnectionFactory factory) {
        try (RedisConnection connection = factory.getConnection()) {
            connection.ping();
        }
        catch (RuntimeException e) {
            String text = messages(e);
            if (text.contains("wrongpass") || text.contains("noauth") || text.contains("invalid password")
                    || text.contains("invalid username-password")
                    || text.contains("without any password configured")) {
                throw new ConfigurationProblem("REDIS_URL", "Redis refused the password",
                        "Set REDIS_URL to redis://:<password>@host:6379/0 with the server's requirepass"
                                + " (REDIS_PASSWORD in .env), or without a password if the server has none.");
            }
            log.warn("Redis is not reachable yet ({}); continuing, connections retry", rootMessage(e));
        }
    }

    void checkRabbit(ConnectionFactory factory) {
        try (Connection connection = factory.createConnection()) {
            connection.isOpen();
        }
        catch (RuntimeException e) {
            String text = messages(e);
            if (text.contains("access_refused") || text.contains("authentication")) {
                throw new ConfigurationProblem("RABBITMQ_URL", "RabbitMQ refused the user name or password",
                        "Set RABBITMQ_URL to amqp://<user>:<password>@host:5672/<vhost> with credentials the broker"
                                + " knows (RABBITMQ_USER and RABBITMQ_PASSWORD in .env).");
            }
            if (text.contains("not_allowed") || text.contains("vhost")) {
                throw new ConfigurationProblem("RABBITMQ_URL", "RabbitMQ refused the virtual host",
                        "Use a virtual host that exists and that the user may access (%2F is the default vhost /).");
            }
            log.warn("RabbitMQ is not reachable yet ({}); continuing, connections retry", rootMessage(e));
        }
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(' ').append(t.getMessage()).append('\n');
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
