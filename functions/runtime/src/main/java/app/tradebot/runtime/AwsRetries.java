package app.tradebot.runtime;

/**
 * How TradeBot's own calls to AWS ({@link SecretsManager}, the container credentials endpoint of
 * {@link LambdaCredentials}) retry, as the SDK's standard retries did: three attempts, 200 then 400 ms apart.
 */
final class AwsRetries {

    static final int ATTEMPTS = 3;

    private AwsRetries() {
    }

    /** Waits before the attempt after {@code attempt}, if there is one; {@code interrupted} names the call if interrupted. */
    static void pause(int attempt, String interrupted) {
        if (attempt < ATTEMPTS) {
            try {
                Thread.sleep(100L << attempt);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AwsCallFailed(interrupted, e);
            }
        }
    }
}
