package app.tradebot.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthPropertiesTest {

    @Test
    void onlyHs512IsAccepted() {
        assertThat(new AuthProperties("k", "HS512", 10080).algorithm()).isEqualTo("HS512");
        assertThatThrownBy(() -> new AuthProperties("k", "HS256", 10080))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALGORITHM")
                .hasMessageContaining("'HS256'")
                .hasMessageContaining("only with HS512");
        assertThatThrownBy(() -> new AuthProperties("k", "none", 10080)).hasMessageContaining("'none'");
    }

    @Test
    void theLifetimeMustBePositive() {
        assertThatThrownBy(() -> new AuthProperties("k", "HS512", 0)).hasMessageContaining("ACCESS_TOKEN_EXPIRE_MINUTES");
    }

    @Test
    void theKeyNeverShowsInToString() {
        assertThat(new AuthProperties("super-secret-value", "HS512", 5).toString()).doesNotContain("super-secret-value");
    }
}
