package app.tradebot.gateway;

/** A function answered something API Gateway could not turn into an HTTP response. */
final class InvalidFunctionResponse extends RuntimeException {

    InvalidFunctionResponse(String message) {
        super(message);
    }
}
