package app.tradebot.auth;

import java.util.UUID;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** Argon2id hashes of passwords, and the rules a new password must follow. */
class Passwords {

    static final int MIN_LENGTH = 10;
    // Long enough for any passphrase, short enough that hashing stays cheap to ask for.
    static final int MAX_LENGTH = 128;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    // Checked against when the email is unknown, so that answer costs as long as a wrong password.
    private final String decoy = encoder.encode(UUID.randomUUID().toString());

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Same work as {@link #matches}, always false. */
    boolean matchesNothing(String password) {
        encoder.matches(password, decoy);
        return false;
    }
}
