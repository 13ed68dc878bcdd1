package app.tradebot.gateway.local;

import java.nio.file.Path;

import org.springframework.core.env.Environment;

/**
 * Where the embedded servers keep their data and which ports they prefer. {@code tradebot.data-dir}
 * (env TRADEBOT_DATA_DIR, default {@code ./data}); {@code tradebot.embedded.postgres-port} (5433),
 * {@code tradebot.embedded.redis-port} (6380), {@code tradebot.embedded.amqp-port} (5673): one
 * above the real servers' defaults so both can run side by side; a taken port, or 0, means any
 * free one.
 */
record EmbeddedSettings(Path dataDir, int postgresPort, int redisPort, int amqpPort) {

    static final String DATA_DIR = "tradebot.data-dir";

    static EmbeddedSettings of(Environment environment) {
        Path dataDir = Path.of(environment.getProperty(DATA_DIR, "./data")).toAbsolutePath().normalize();
        return new EmbeddedSettings(dataDir,
                environment.getProperty("tradebot.embedded.postgres-port", Integer.class, 5433),
                environment.getProperty("tradebot.embedded.redis-port", Integer.class, 6380),
                environment.getProperty("tradebot.embedded.amqp-port", Integer.class, 5673));
    }
}
