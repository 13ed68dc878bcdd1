package app.tradebot.orders;

/**
 * Where a bot's order is on the order path. NEW: recorded, not sent. SENDING: claimed by one sender.
 * UNKNOWN: sent without an answer that says what happened; only the reconciliation settles it. OPEN:
 * accepted and working on the exchange. ARMED: a protective order the exchange does not rest (Binance),
 * held by the bot and checked by its runner on each closed candle; nothing of it is on the exchange. The
 * rest are final: FILLED, CANCELED (possibly partly filled), EXPIRED, REJECTED (a definite refusal, never
 * resent), NOT_PLACED (looked for long enough after its send to be sure the exchange never took it; its
 * signal is sent again under a new id or dropped), TRIGGERED (an armed protection that a candle reached:
 * its exit is a MARKET sell-all of its own).
 */
public enum BotOrderStatus {
    NEW, SENDING, UNKNOWN, OPEN, ARMED, FILLED, CANCELED, EXPIRED, REJECTED, NOT_PLACED, TRIGGERED;

    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == EXPIRED || this == REJECTED || this == NOT_PLACED
                || this == TRIGGERED;
    }

    /** Its fate on the exchange is not settled: the account's keys must not change under it. */
    public boolean unresolved() {
        return this == SENDING || this == UNKNOWN || this == OPEN;
    }
}
