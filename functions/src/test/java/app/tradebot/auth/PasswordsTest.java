package app.tradebot.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordsTest {

    private final Passwords passwords = new Passwords();

    @Test
    void hashesAreArgon2idSaltedAndCheckable() {
        String hash = passwords.hash("correct horse battery");

        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse battery");
        assertThat(passwords.hash("correct horse battery")).isNotEqualTo(hash);
        assertThat(passwords.matches("correct horse battery", hash)).isTrue();
        assertThat(passwords.matches("correct horse batterY", hash)).isFalse();
    }

    @Test
    void theDecoyNeverMatches() {
        assertThat(passwords.matchesNothing("anything at all")).isFalse();
    }
}
