package app.tradebot.exchange;

/**
 * The exchange refused or failed a call. {@code code} is the exchange's own error code (Binance's
 * {@code -2010}, {@code -1013}, …; 0 when it sent none) and the message is its own message.
 */
public class ExchangeException extends RuntimeException {

    private final int httpStatus;
    private final int code;

    public ExchangeException(int httpStatus, int code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public ExchangeException(int httpStatus, int code, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /** The HTTP status the exchange answered with; 0 when it could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }
}
