package app.tradebot.exchange;

import java.util.List;

/**
 * What became of one order sent to an exchange: the three outcomes the order path must tell apart.
 * Only {@link Accepted} moved money; {@link Rejected} is definite and is never sent again; after
 * {@link Unknown} the order may exist, so it is looked up by its client order id, never resent under
 * the same id.
 */
public sealed interface Placement {

    /** The exchange took the order: its state as answered and the fills it reported at once (may be empty). */
    record Accepted(Order order, List<Trade> fills) implements Placement {

        public Accepted {
            fills = List.copyOf(fills);
        }
    }

    /**
     * A definite refusal, before or by the exchange (insufficient balance -2010, a filter -1013, a bad
     * key -2015): the exchange's own HTTP status (0 when refused locally), code and message.
     */
    record Rejected(int httpStatus, int code, String message) implements Placement {
    }

    /** The request may have left and no answer says what happened (timeout, 5xx, connection lost). */
    record Unknown(String reason) implements Placement {
    }
}
