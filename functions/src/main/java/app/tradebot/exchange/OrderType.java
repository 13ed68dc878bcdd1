package app.tradebot.exchange;

import java.util.Locale;

/**
 * Order types. The bots place MARKET and LIMIT orders, and on paper accounts {@code PROTECT}: a
 * protective exit on a long position, one order carrying a stop-loss, a take-profit and a trailing
 * stop, swept by the fill model (Binance accounts refuse it). The others are read from the account's
 * order list (orders placed by hand or by other tools) and {@link #UNKNOWN} stands for a type Binance
 * adds later, so reading an account never fails on a type.
 */
public enum OrderType {
    MARKET, LIMIT, PROTECT, LIMIT_MAKER, STOP_LOSS, STOP_LOSS_LIMIT, TAKE_PROFIT, TAKE_PROFIT_LIMIT, UNKNOWN;

    /** Binance's name of a type; {@link #UNKNOWN} for one this code does not know. */
    public static OrderType of(String name) {
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
