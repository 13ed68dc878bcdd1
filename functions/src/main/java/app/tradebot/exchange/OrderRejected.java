package app.tradebot.exchange;

/**
 * An order refused before or by the exchange for what it is (insufficient balance -2010, filter
 * failure -1013, minimum notional not met), not for a transient failure: retrying cannot help.
 */
public class OrderRejected extends ExchangeException {

    public OrderRejected(int httpStatus, int code, String message) {
        super(httpStatus, code, message);
    }
}
