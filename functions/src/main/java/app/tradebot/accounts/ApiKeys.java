package app.tradebot.accounts;

/**
 * What an exchange API key or secret may look like. Binance's HMAC keys and secrets are 64 letters
 * and digits; the bounds leave room without accepting text that is plainly not a key.
 */
final class ApiKeys {

    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 128;
    static final String PATTERN = "[A-Za-z0-9]*";
    static final String MESSAGE = "must contain only letters and digits";

    private ApiKeys() {
    }
}
