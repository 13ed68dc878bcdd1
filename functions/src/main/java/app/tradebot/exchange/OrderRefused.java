package app.tradebot.exchange;

/**
 * An {@link OrderRejected} decided locally by the filters or the fill model: an expected business
 * outcome (a backtest may meet thousands), so it carries no stack trace.
 */
public final class OrderRefused extends OrderRejected {

    public OrderRefused(int httpStatus, int code, String message) {
        super(httpStatus, code, message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
