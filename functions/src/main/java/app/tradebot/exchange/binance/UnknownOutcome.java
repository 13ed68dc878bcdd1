package app.tradebot.exchange.binance;

import app.tradebot.exchange.ExchangeException;

/**
 * A call whose effect is unknown: it timed out, the connection broke after sending, or Binance
 * answered 5xx ("execution status unknown"). An order sent this way may exist; it is looked up by its
 * client order id, never simply sent again.
 */
final class UnknownOutcome extends ExchangeException {

    UnknownOutcome(int httpStatus, int code, String message, Throwable cause) {
        super(httpStatus, code, message, cause);
    }
}
