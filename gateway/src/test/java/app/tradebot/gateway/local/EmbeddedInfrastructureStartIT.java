package app.tradebot.gateway.local;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up of the embedded servers in this JVM, where it goes wrong. */
class EmbeddedInfrastructureStartIT {

    @TempDir
    Path dataDir;

    @Test
    void whenOneServerCannotStartTheOthersAreStoppedAndNothingIsConfigured() throws Exception {
        // PostgreSQL's data directory cannot be created: a file is in the way.
        Files.writeString(dataDir.resolve("postgres"), "not a directory");
        int redisPort = Ports.preferredOrFree(0);
        int amqpPort = Ports.preferredOrFree(0);
        MockEnvironment environment = new MockEnvironment()
                .withProperty("tradebot.data-dir", dataDir.toString())
                .withProperty("tradebot.embedded.postgres-port", "0")
                .withProperty("tradebot.embedded.redis-port", Integer.toString(redisPort))
                .withProperty("tradebot.embedded.amqp-port", Integer.toString(amqpPort));
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure();

        assertThatThrownBy(() -> infrastructure.start(environment))
                .isInstanceOf(EmbeddedInfrastructureException.class)
                .hasMessageContaining("Embedded PostgreSQL did not start")
                .hasMessageContaining("Set DATABASE_URL");

        assertThat(environment.getPropertySources().contains(EmbeddedInfrastructure.PROPERTY_SOURCE)).isFalse();
        // Redis and the broker did start, side by side, and were stopped again.
        assertThat(dataDir.resolve("redis")).isDirectory();
        assertThat(dataDir.resolve("redis/redis.pid")).doesNotExist();
        assertThat(Ports.isFree(redisPort)).isTrue();
        assertThat(Ports.isFree(amqpPort)).isTrue();
    }

    @Test
    void withEveryServerConfiguredNothingStartsAndNothingIsWritten() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("tradebot.data-dir", dataDir.resolve("data").toString())
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/tradebot_test")
                .withProperty("spring.data.redis.url", "redis://127.0.0.1:6379/0")
                .withProperty("spring.rabbitmq.host", "127.0.0.1");

        new EmbeddedInfrastructure().start(environment);

        assertThat(environment.getPropertySources().contains(EmbeddedInfrastructure.PROPERTY_SOURCE)).isFalse();
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/tradebot_test");
        assertThat(dataDir.resolve("data")).doesNotExist();
    }
}
