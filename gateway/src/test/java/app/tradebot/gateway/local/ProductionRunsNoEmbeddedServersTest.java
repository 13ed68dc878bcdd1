package app.tradebot.gateway.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import app.tradebot.runtime.ConfigurationProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

/** A production deployment with a service URL missing refuses to start, naming the variables, and starts nothing. */
class ProductionRunsNoEmbeddedServersTest {

    @TempDir
    Path dataDir;

    @Test
    void aMissingUrlInProductionNamesTheVariable() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("tradebot.environment", "production")
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/tradebot_db")
                .withProperty("TRADEBOT_DATA_DIR", dataDir.toString());

        assertThatThrownBy(() -> new EmbeddedInfrastructure().start(environment))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage("REDIS_URL, RABBITMQ_URL: not set, and ENVIRONMENT=production runs no embedded servers");
        assertThatThrownBy(() -> new EmbeddedInfrastructure().start(new MockEnvironment()
                        .withProperty("tradebot.environment", "production")
                        .withProperty("TRADEBOT_DATA_DIR", dataDir.toString())))
                .hasMessageStartingWith("DATABASE_URL, REDIS_URL, RABBITMQ_URL: not set");
        org.assertj.core.api.Assertions.assertThat(dataDir.resolve("postgres")).doesNotExist();
    }
}
