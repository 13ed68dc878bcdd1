package app.tradebot.gateway.local;

/** An embedded server could not be started; the message says which and what to do instead. */
public class EmbeddedInfrastructureException extends RuntimeException {

    EmbeddedInfrastructureException(String message) {
        super(message);
    }

    EmbeddedInfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
