package app.tradebot.exchange;

/** An exchange API key and its secret, decrypted only for the call that needs them. */
public record ApiCredentials(String apiKey, String apiSecret) {

    @Override
    public String toString() {
        // Never the secret, not even in a log line or an exception message.
        return "ApiCredentials[apiKey=…" + hint(apiKey) + "]";
    }

    /** The last four characters of a key: enough for a user to recognise it. */
    public static String hint(String key) {
        return key == null || key.length() < 4 ? "" : key.substring(key.length() - 4);
    }
}
