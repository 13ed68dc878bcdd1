package app.tradebot.platform.messaging;

/** The broker did not confirm a message: it may not have been queued. */
public class UnconfirmedPublish extends RuntimeException {

    public UnconfirmedPublish(String message, Throwable cause) {
        super(message, cause);
    }
}
