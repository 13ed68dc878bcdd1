package app.tradebot.platform.crypto;

import java.util.List;

import app.tradebot.runtime.ConfigurationProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FernetKeysTest {

    static final String OLD = Fernet.generateKey();
    static final String NEW = Fernet.generateKey();

    @Test
    void fernetKeyAloneIsTheOnlyKey() {
        Fernet fernet = FernetKeys.resolve(OLD, null, "production");

        assertThat(fernet.keyCount()).isEqualTo(1);
        assertThat(Fernet.of(List.of(OLD)).decrypt(fernet.encrypt("x"))).isEqualTo("x");
    }

    @Test
    void fernetKeysListsEveryKeyAndTheFirstEncrypts() {
        Fernet fernet = FernetKeys.resolve(OLD, " " + NEW + " , " + OLD, "production");

        assertThat(fernet.keyCount()).isEqualTo(2);
        assertThat(Fernet.of(List.of(NEW)).decrypt(fernet.encrypt("x"))).isEqualTo("x");
        assertThat(fernet.decrypt(Fernet.of(List.of(OLD)).encrypt("y"))).isEqualTo("y");
        assertThat(FernetKeys.resolve(null, NEW, "production").keyCount()).isEqualTo(1);
    }

    @Test
    void productionRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> FernetKeys.resolve(null, " ", "production"))
                .isInstanceOfSatisfying(ConfigurationProblem.class, problem -> {
                    assertThat(problem.variable()).isEqualTo("FERNET_KEY");
                    assertThat(problem.getMessage()).startsWith("FERNET_KEY: is not set");
                    assertThat(problem.action()).contains("FERNET_KEYS", "32 random bytes");
                });
    }

    @Test
    void developmentWithoutAKeyGetsAnEphemeralOne() {
        Fernet fernet = FernetKeys.resolve(null, null, "development");

        assertThat(fernet.decrypt(fernet.encrypt("x"))).isEqualTo("x");
        assertThat(FernetKeys.resolve(null, null, null).keyCount()).isEqualTo(1);
    }

    @Test
    void anInvalidKeyIsRefusedInEveryEnvironmentNamingTheVariableButNotTheValue() {
        String bad = "c2hvcnQ=";
        for (String environment : new String[] { "production", "development" }) {
            assertThatThrownBy(() -> FernetKeys.resolve(bad, null, environment))
                    .isInstanceOfSatisfying(ConfigurationProblem.class, problem -> {
                        assertThat(problem.variable()).isEqualTo("FERNET_KEY");
                        assertThat(problem.getMessage()).isEqualTo("FERNET_KEY: the key decodes to 5 bytes, not 32")
                                .doesNotContain(bad);
                    });
        }
        assertThatThrownBy(() -> FernetKeys.resolve(null, NEW + ",,", "production"))
                .isInstanceOfSatisfying(ConfigurationProblem.class, problem ->
                        assertThat(problem.getMessage()).isEqualTo("FERNET_KEYS: Fernet key 2 is empty"));
        assertThatThrownBy(() -> FernetKeys.resolve(null, NEW + ",%%%", "production"))
                .isInstanceOfSatisfying(ConfigurationProblem.class, problem ->
                        assertThat(problem.getMessage()).isEqualTo("FERNET_KEYS: Fernet key 2 is not url-safe base64"));
    }

    @Test
    void fernetKeyMustBeOneOfFernetKeysWhenBothAreSet() {
        assertThatThrownBy(() -> FernetKeys.resolve(Fernet.generateKey(), NEW + "," + OLD, "production"))
                .isInstanceOfSatisfying(ConfigurationProblem.class, problem -> {
                    assertThat(problem.variable()).isEqualTo("FERNET_KEY");
                    assertThat(problem.getMessage()).isEqualTo("FERNET_KEY: is set but is not one of FERNET_KEYS");
                });
    }
}
