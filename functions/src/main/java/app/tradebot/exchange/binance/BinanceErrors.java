package app.tradebot.exchange.binance;

import java.util.Set;

import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.OrderRejected;

/** Binance's error answers as our exceptions, code and message kept as Binance sent them. */
final class BinanceErrors {

    /** Binance refused the order for what it is: sending it again cannot help. */
    private static final Set<Integer> ORDER_REJECTIONS = Set.of(
            -1013, // filter failure (LOT_SIZE, PRICE_FILTER, NOTIONAL, …)
            -1100, // illegal characters in a parameter
            -1102, // mandatory parameter missing or malformed
            -1106, // parameter sent when not required
            -1111, // precision over the maximum defined for the asset
            -1115, // invalid timeInForce
            -1116, // invalid orderType
            -1117, // invalid side
            -1121, // invalid symbol
            -2010, // new order rejected: insufficient balance, duplicate order, …
            -2011); // cancel rejected: unknown order
    /** Binance's own "execution status unknown" codes. */
    private static final Set<Integer> UNKNOWN_OUTCOMES = Set.of(-1006, -1007);

    static final int TIMESTAMP_OUTSIDE_RECV_WINDOW = -1021;
    static final int NO_SUCH_ORDER = -2013;
    static final String DUPLICATE_ORDER = "Duplicate order sent.";

    private BinanceErrors() {
    }

    static ExchangeException of(int status, int code, String message) {
        String msg = message == null || message.isBlank() ? "Binance answered HTTP " + status : message;
        if (status >= 500 || UNKNOWN_OUTCOMES.contains(code)) {
            return new UnknownOutcome(status, code, msg, null);
        }
        if (status == 429 || status == 418) {
            return new ExchangeException(status, code, msg);
        }
        if (ORDER_REJECTIONS.contains(code)) {
            return new OrderRejected(status, code, msg);
        }
        return new ExchangeException(status, code, msg);
    }

    /** Worth another attempt if the call is idempotent: nothing about the request itself was wrong. */
    static boolean isTransient(ExchangeException e) {
        return e.httpStatus() == 0 || e.httpStatus() >= 500 || e.httpStatus() == 429 || e instanceof UnknownOutcome;
    }
}
