package app.tradebot.platform.http;

/**
 * The business of an HttpApi function: gets the parsed and validated body ({@code null} when the
 * route takes none) and the request, returns the response body ({@code null} for 204). Throws an
 * {@link ApiException} for the caller's mistakes.
 */
@FunctionalInterface
public interface ApiHandler<I, O> {

    O handle(I body, ApiRequest request);
}
