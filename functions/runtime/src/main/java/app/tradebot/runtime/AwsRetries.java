package app.tradebot.runtime;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How TradeBot's own calls to AWS ({@link SecretsManager}, the container credentials endpoint of
 * {@link LambdaCredentials}, the Lambda API of the deployment steps) retry, as the SDK's standard retries did:
 * three attempts, 200 then 400 ms apart.
 */
public final class AwsRetries {

    static final int ATTEMPTS = 3;

    private AwsRetries() {
    }

    /**
     * Sends a request until an answer that is not {@code retryable}, or until the attempts are spent; a network
     * failure is tried again too. {@code request} makes the request of each attempt (a signature holds its time).
     * The last answer is returned whatever its status; a network failure at the last attempt is thrown as
     * {@code noAnswer} makes it, and an interruption as {@code interrupted} names it.
     */
    public static <T> HttpResponse<T> send(HttpClient http, Supplier<HttpRequest> request, HttpResponse.BodyHandler<T> body,
            Predicate<HttpResponse<T>> retryable, Function<IOException, AwsCallFailed> noAnswer, String interrupted) {
        HttpResponse<T> response = null;
        AwsCallFailed failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            failure = null;
            try {
                response = http.send(request.get(), body);
            }
            catch (IOException e) {
                failure = noAnswer.apply(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AwsCallFailed(interrupted, e);
            }
            if (failure == null && !retryable.test(response)) {
                break;
            }
            pause(attempt, interrupted);
        }
        if (failure != null) {
            throw failure;
        }
        return response;
    }

    /** Waits before the attempt after {@code attempt}, if there is one; {@code interrupted} names the call if interrupted. */
    private static void pause(int attempt, String interrupted) {
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
