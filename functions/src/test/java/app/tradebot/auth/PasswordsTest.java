package app.tradebot.auth;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

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

    @Test
    void hashesMeetOwaspsArgon2idFloor() {
        String hash = passwords.hash("correct horse battery");

        // $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$salt$hash
        String[] parameters = hash.split("\\$")[3].split(",");
        assertThat(Integer.parseInt(parameters[0].substring(2))).isGreaterThanOrEqualTo(19 * 1024);
        assertThat(Integer.parseInt(parameters[1].substring(2))).isGreaterThanOrEqualTo(2);
        assertThat(parameters[2]).isEqualTo("p=1");
        assertThat(passwords.needsRehash(hash)).isFalse();
    }

    @Test
    void aHashMadeWithLessMemoryOrFewerIterationsNeedsRehashing() {
        String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("correct horse battery");
        String fewerIterations = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 1).encode("correct horse battery");

        assertThat(passwords.matches("correct horse battery", old)).isTrue();
        assertThat(passwords.needsRehash(old)).isTrue();
        assertThat(passwords.needsRehash(fewerIterations)).isTrue();
    }
}
