package app.tradebot.exchange.fill;

/** Which protective exit closed a position. */
public enum ExitReason {
    STOP_LOSS, TRAILING_STOP, TAKE_PROFIT
}
