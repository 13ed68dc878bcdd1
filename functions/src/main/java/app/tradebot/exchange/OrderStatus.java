package app.tradebot.exchange;

import java.util.Locale;

/**
 * Binance's order statuses. A status this code does not know (Binance adds them: PENDING_NEW came
 * with order lists) is {@link #UNKNOWN}, never a crash: the order is then looked up again later.
 */
public enum OrderStatus {
    NEW, PENDING_NEW, PARTIALLY_FILLED, FILLED, CANCELED, PENDING_CANCEL, REJECTED, EXPIRED, EXPIRED_IN_MATCH, UNKNOWN;

    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED || this == EXPIRED_IN_MATCH;
    }

    /** Binance's name of a status; {@link #UNKNOWN} for one it has added since. */
    public static OrderStatus of(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
