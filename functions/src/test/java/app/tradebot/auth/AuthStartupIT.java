package app.tradebot.auth;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up refuses a configuration that would sign tokens badly, and says what to fix. */
class AuthStartupIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(AuthConfiguration.class)
            // Nothing here connects: the beans are only built.
            .withBean(Jdbi.class, () -> Jdbi.create("jdbc:postgresql://127.0.0.1:5432/tradebot_test").installPlugin(new SqlObjectPlugin()))
            .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/tradebot_test"))
            .withBean(StringRedisTemplate.class, () -> new StringRedisTemplate(new LettuceConnectionFactory()));

    @Test
    void productionWithoutASecretKeyDoesNotStart() {
        runner.withPropertyValues("tradebot.environment=production").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageStartingWith("SECRET_KEY is not set: in production");
        });
    }

    @Test
    void productionWithAShortSecretKeyDoesNotStart() {
        runner.withPropertyValues("tradebot.environment=production", "tradebot.auth.secret-key=too-short").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith("SECRET_KEY is too short");
        });
    }

    @Test
    void anotherAlgorithmDoesNotStart() {
        runner.withPropertyValues("tradebot.auth.secret-key=" + "k".repeat(64), "tradebot.auth.algorithm=HS256").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ALGORITHM")
                    .hasMessageContaining("only with HS512");
        });
    }

    @Test
    void developmentWithoutASecretKeyStartsWithAnEphemeralKey() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            AccessTokens tokens = context.getBean(AccessTokens.class);
            assertThat(context.getBean(AuthProperties.class).accessTokenExpireMinutes()).isEqualTo(10080);
            assertThat(context.getBean(AuthProperties.class).algorithm()).isEqualTo("HS512");
            assertThat(tokens.issue(java.util.UUID.randomUUID()).value()).isNotBlank();
        });
    }

    @Test
    void productionWithAGoodKeyStarts() {
        runner.withPropertyValues("tradebot.environment=production", "tradebot.auth.secret-key=" + "k".repeat(64),
                "tradebot.auth.access-token-expire-minutes=60").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AuthProperties.class).accessTokenExpireMinutes()).isEqualTo(60);
        });
    }
}
