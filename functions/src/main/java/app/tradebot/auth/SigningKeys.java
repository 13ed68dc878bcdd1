package app.tradebot.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HS512 key for access tokens: SECRET_KEY's bytes. HS512 wants at least 64 bytes of key, so a
 * shorter SECRET_KEY is refused; in development a missing one is replaced by a random key that
 * lives as long as the process (tokens die with it, and other processes do not share it).
 */
final class SigningKeys {

    static final int MIN_LENGTH = 64;

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    static byte[] resolve(String secretKey, String environment) {
        boolean production = isProduction(environment);
        if (secretKey == null || secretKey.isBlank()) {
            if (production) {
                throw new IllegalStateException("SECRET_KEY is not set: in production TradeBot needs SECRET_KEY "
                        + "(tradebot.auth.secret-key) of at least " + MIN_LENGTH + " random characters to sign access tokens");
            }
            log.warn("SECRET_KEY is not set: signing access tokens with a random key that lasts until this process stops "
                    + "(development only; set SECRET_KEY of at least {} characters to keep sign-ins across restarts)", MIN_LENGTH);
            byte[] key = new byte[MIN_LENGTH];
            new SecureRandom().nextBytes(key);
            return key;
        }
        if (secretKey.length() < MIN_LENGTH) {
            throw new IllegalStateException("SECRET_KEY is too short: it has " + secretKey.length() + " characters and HS512 needs at least "
                    + MIN_LENGTH + " (tradebot.auth.secret-key)");
        }
        return secretKey.getBytes(StandardCharsets.UTF_8);
    }

    static boolean isProduction(String environment) {
        String value = environment == null ? "development" : environment.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "production" -> true;
            case "development", "" -> false;
            default -> throw new IllegalStateException("ENVIRONMENT (tradebot.environment) must be production or development, not '"
                    + environment + "'");
        };
    }
}
