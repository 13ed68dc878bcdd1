package app.tradebot.runtime;

/**
 * A call TradeBot makes to AWS without an SDK (Secrets Manager, the container credentials endpoint) failed:
 * the message says which call and why, and never holds a credential or a secret.
 */
public class AwsCallFailed extends RuntimeException {

    public AwsCallFailed(String message) {
        super(message);
    }

    public AwsCallFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
