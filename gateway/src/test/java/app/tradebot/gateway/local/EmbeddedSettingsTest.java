package app.tradebot.gateway.local;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedSettingsTest {

    @Test
    void defaultsAreDataUnderTheWorkingDirectoryAndPortsNextToTheRealServers() {
        EmbeddedSettings settings = EmbeddedSettings.of(new MockEnvironment());

        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.postgresPort()).isEqualTo(5433);
        assertThat(settings.redisPort()).isEqualTo(6380);
        assertThat(settings.amqpPort()).isEqualTo(5673);
    }

    @Test
    void dataDirAndPortsCanBeSet() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("tradebot.data-dir", "/var/lib/tradebot/../tradebot")
                .withProperty("tradebot.embedded.postgres-port", "0")
                .withProperty("tradebot.embedded.redis-port", "16380")
                .withProperty("tradebot.embedded.amqp-port", "15673");

        EmbeddedSettings settings = EmbeddedSettings.of(environment);

        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/tradebot"));
        assertThat(settings.postgresPort()).isZero();
        assertThat(settings.redisPort()).isEqualTo(16380);
        assertThat(settings.amqpPort()).isEqualTo(15673);
    }

    @Test
    void aPortThatIsNoNumberIsRefused() {
        MockEnvironment environment = new MockEnvironment().withProperty("tradebot.embedded.redis-port", "six");

        assertThatThrownBy(() -> EmbeddedSettings.of(environment)).isInstanceOf(RuntimeException.class);
    }
}
