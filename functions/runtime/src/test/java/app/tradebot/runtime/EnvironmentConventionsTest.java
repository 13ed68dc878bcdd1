package app.tradebot.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvironmentConventionsTest {

    @Test
    void databaseUrlInThePythonStacksFormBecomesJdbc() {
        assertThat(EnvironmentConventions.database("postgresql://tradebot_user:p%40ss:word@db:5432/tradebot_db"))
            .containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/tradebot_db")
            .containsEntry("spring.datasource.username", "tradebot_user")
            .containsEntry("spring.datasource.password", "p@ss:word");
        assertThat(EnvironmentConventions.database("postgres://u@h/d?sslmode=require"))
            .containsEntry("spring.datasource.url", "jdbc:postgresql://h:5432/d?sslmode=require")
            .containsEntry("spring.datasource.username", "u")
            .doesNotContainKey("spring.datasource.password");
        assertThat(EnvironmentConventions.database("jdbc:postgresql://h:1/d"))
            .containsExactly(Map.entry("spring.datasource.url", "jdbc:postgresql://h:1/d"));
    }

    @Test
    void aBadDatabaseUrlIsRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> EnvironmentConventions.database("mysql://u:secret@h/d"))
            .hasMessageContaining("DATABASE_URL").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> EnvironmentConventions.database("postgresql://u:se cret@h/d"))
            .hasMessageContaining("DATABASE_URL").hasMessageNotContaining("se cret");
    }

    @Test
    void rabbitUrlGivesHostCredentialsAndVirtualHost() {
        assertThat(EnvironmentConventions.rabbit("amqp://guest:guest@127.0.0.1:5672/%2F"))
            .containsEntry("spring.rabbitmq.host", "127.0.0.1")
            .containsEntry("spring.rabbitmq.port", 5672)
            .containsEntry("spring.rabbitmq.virtual-host", "/")
            .containsEntry("spring.rabbitmq.username", "guest");
        assertThat(EnvironmentConventions.rabbit("amqps://u:p@broker:5671/tradebot"))
            .containsEntry("spring.rabbitmq.virtual-host", "tradebot")
            .containsEntry("spring.rabbitmq.ssl.enabled", true);
        assertThat(EnvironmentConventions.rabbit("amqp://rabbitmq")).containsEntry("spring.rabbitmq.virtual-host", "/")
            .containsEntry("spring.rabbitmq.port", 5672);
    }

    @Test
    void theSeedsVariableNamesMapToProperties() {
        Map<String, String> env = Map.of("REDIS_URL", "redis://:pw@redis:6379/0", "PORT", "9090", "SECRET_KEY", "k",
                "ACCESS_TOKEN_EXPIRE_MINUTES", "60", "ENVIRONMENT", "production", "LOG_LEVEL", "DEBUG");
        Map<String, Object> props = EnvironmentConventions.translate(env::get);
        assertThat(props).containsEntry("spring.data.redis.url", "redis://:pw@redis:6379/0")
            .containsEntry("server.port", "9090")
            .containsEntry("tradebot.auth.secret-key", "k")
            .containsEntry("tradebot.auth.access-token-expire-minutes", "60")
            .containsEntry("tradebot.environment", "production")
            .containsEntry("logging.level.app.tradebot", "DEBUG");
        assertThat(EnvironmentConventions.translate(name -> null)).isEmpty();
    }

    @Test
    void theFernetKeysMapToTheCryptoProperties() {
        Map<String, String> env = Map.of("FERNET_KEY", " old= ", "FERNET_KEYS", "new=,old=");
        assertThat(EnvironmentConventions.translate(env::get))
            .containsEntry("tradebot.crypto.fernet-key", "old=")
            .containsEntry("tradebot.crypto.fernet-keys", "new=,old=");
        assertThat(EnvironmentConventions.translate(Map.of("FERNET_KEYS", " ")::get)).isEmpty();
    }

    @Test
    void forwardedHeadersAreTrustedOnlyFromTheNamedProxies() {
        assertThat(EnvironmentConventions.translate(Map.of("TRUSTED_PROXIES", " 172\\.18\\.0\\.10 ")::get))
            .containsEntry("server.forward-headers-strategy", "native")
            .containsEntry("server.tomcat.remoteip.internal-proxies", "172\\.18\\.0\\.10")
            .containsEntry("server.tomcat.remoteip.trusted-proxies", "");
        assertThat(EnvironmentConventions.translate(Map.of("TRUSTED_PROXIES", " ")::get)).isEmpty();
    }
}
