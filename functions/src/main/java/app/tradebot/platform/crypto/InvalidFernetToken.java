package app.tradebot.platform.crypto;

/**
 * A token that does not decrypt under any key: tampered, truncated, expired, or made under a key
 * that is no longer configured. The message says which, never the token or a key.
 */
public class InvalidFernetToken extends RuntimeException {

    public InvalidFernetToken(String reason) {
        super("Invalid Fernet token: " + reason);
    }
}
