package app.tradebot.platform.crypto;

import java.util.List;

import app.tradebot.runtime.ConfigurationProblem;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up refuses a missing or broken Fernet key, naming the variable to fix. */
class CryptoStartupIT {

    static final String KEY = Fernet.generateKey();

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(CryptoConfiguration.class);

    @Test
    void productionWithoutAKeyDoesNotStart() {
        runner.withPropertyValues("tradebot.environment=production").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOfSatisfying(ConfigurationProblem.class, problem -> {
                assertThat(problem.variable()).isEqualTo("FERNET_KEY");
                assertThat(problem.getMessage()).startsWith("FERNET_KEY: is not set");
            });
        });
    }

    @Test
    void aBrokenKeyDoesNotStartEvenInDevelopment() {
        runner.withPropertyValues("tradebot.crypto.fernet-key=not-a-key").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationProblem.class)
                    .hasMessage("FERNET_KEY: the key is not url-safe base64");
        });
        runner.withPropertyValues("tradebot.crypto.fernet-keys=" + KEY + ",c2hvcnQ=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationProblem.class)
                    .hasMessage("FERNET_KEYS: Fernet key 2 decodes to 5 bytes, not 32");
        });
    }

    @Test
    void productionWithKeysStartsAndTheFirstEncrypts() {
        String old = Fernet.generateKey();
        runner.withPropertyValues("tradebot.environment=production", "tradebot.crypto.fernet-key=" + old,
                "tradebot.crypto.fernet-keys=" + KEY + "," + old).run(context -> {
            assertThat(context).hasNotFailed();
            Fernet fernet = context.getBean(Fernet.class);
            assertThat(fernet.keyCount()).isEqualTo(2);
            assertThat(Fernet.of(List.of(KEY)).decrypt(fernet.encrypt("x"))).isEqualTo("x");
            assertThat(context.getBean(CryptoProperties.class).toString()).doesNotContain(KEY, old);
        });
    }

    @Test
    void developmentWithoutAKeyStartsWithAnEphemeralOne() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Fernet fernet = context.getBean(Fernet.class);
            assertThat(fernet.decrypt(fernet.encrypt("x"))).isEqualTo("x");
        });
    }
}
