package app.tradebot.auth;

import java.util.UUID;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id hashes of passwords, and the rules a new password must follow. The cost is OWASP's
 * floor for Argon2id: 19 MiB of memory, 2 iterations, parallelism 1 (about 30 ms a hash on the
 * benchmark machine). A hash made with less is upgraded at its owner's next sign-in.
 */
class Passwords {

    static final int MIN_LENGTH = 10;
    // Long enough for any passphrase, short enough that hashing stays cheap to ask for.
    static final int MAX_LENGTH = 128;

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder;

    // Checked against when the email is unknown, so that answer costs as long as a wrong password.
    private final String decoy;

    Passwords() {
        this(new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS));
    }

    Passwords(Argon2PasswordEncoder encoder) {
        this.encoder = encoder;
        this.decoy = encoder.encode(UUID.randomUUID().toString());
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Whether a hash was made with less memory or fewer iterations than {@link #hash} uses now. */
    boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    /** Same work as {@link #matches}, always false. */
    boolean matchesNothing(String password) {
        encoder.matches(password, decoy);
        return false;
    }
}
