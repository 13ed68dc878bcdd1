package app.tradebot.gateway.local;

import java.util.Map;

/** One server the all-in-one launcher runs itself: the Spring properties that point at it, and how to stop it. */
interface EmbeddedService extends AutoCloseable {

    /** What it is, for the log ("PostgreSQL", "Redis", "AMQP broker"). */
    String name();

    /** The connection properties (spring.datasource.*, spring.data.redis.*, spring.rabbitmq.*) that reach it. */
    Map<String, Object> properties();

    /**
     * Settings that suit a small local server, at the lowest precedence: any property, variable or
     * config file that names them wins.
     */
    default Map<String, Object> defaults() {
        return Map.of();
    }

    /** Stops it; must not hang and must not throw. */
    @Override
    void close();
}
