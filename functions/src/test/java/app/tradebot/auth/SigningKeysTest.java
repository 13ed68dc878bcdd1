package app.tradebot.auth;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    private static final String GOOD = "s".repeat(64);

    @Test
    void theSecretKeyIsUsedAsGiven() {
        assertThat(SigningKeys.resolve(GOOD, "production")).isEqualTo(GOOD.getBytes(StandardCharsets.UTF_8));
        assertThat(SigningKeys.resolve(GOOD, "development")).isEqualTo(GOOD.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void productionRefusesToStartWithoutASecretKey() {
        assertThatThrownBy(() -> SigningKeys.resolve(null, "production"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SECRET_KEY is not set")
                .hasMessageContaining("at least 64");
        assertThatThrownBy(() -> SigningKeys.resolve("  ", "PRODUCTION")).hasMessageStartingWith("SECRET_KEY is not set");
    }

    @Test
    void aShortSecretKeyIsRefusedEverywhere() {
        String short63 = "s".repeat(63);
        assertThatThrownBy(() -> SigningKeys.resolve(short63, "production"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("SECRET_KEY is too short: it has 63 characters and HS512 needs at least 64 (tradebot.auth.secret-key)");
        assertThatThrownBy(() -> SigningKeys.resolve("changeme", "development")).hasMessageStartingWith("SECRET_KEY is too short");
    }

    @Test
    void developmentMakesUpARandomKeyEachTime() {
        byte[] first = SigningKeys.resolve(null, "development");
        byte[] second = SigningKeys.resolve("", null);

        assertThat(first).hasSize(64);
        assertThat(second).hasSize(64);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anUnknownEnvironmentIsRefused() {
        assertThatThrownBy(() -> SigningKeys.resolve(GOOD, "staging"))
                .hasMessage("ENVIRONMENT (tradebot.environment) must be production or development, not 'staging'");
    }
}
