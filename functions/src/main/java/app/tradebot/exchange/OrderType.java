package app.tradebot.exchange;

/**
 * {@code PROTECT}: a paper account's protective exit on a long position, one order carrying a stop-loss,
 * a take-profit and a trailing stop ({@link OrderRequest#protect}), swept by the fill model.
 */
public enum OrderType {
    MARKET, LIMIT, PROTECT
}
