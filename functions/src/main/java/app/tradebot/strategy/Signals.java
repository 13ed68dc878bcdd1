package app.tradebot.strategy;

/**
 * Where a strategy sends its intents. The runner executes them after the candle closed: a
 * backtest fills market intents at the next candle's open, never at the signal candle's close; a
 * live or paper bot sends them at once. Intents are long-only.
 */
public interface Signals {

    /** The position, including fills of earlier intents. */
    Position position();

    /**
     * Buy at market: open or add to the long position. {@code quoteAmount} is in the quote asset;
     * NaN means the run's sizing (fixed quote amount or % of equity). Exits apply to the whole position.
     */
    void buy(double quoteAmount, Exits exits);

    /** Sell at market a fraction in (0, 1] of the position; 1 closes it. */
    void sell(double fraction);

    /** A resting limit buy (maker) for {@code quoteAmount} at {@code price}; NaN amount: the run's sizing. */
    void buyLimit(double price, double quoteAmount);

    /** A resting limit sell (maker) of {@code quantity} base units at {@code price}. */
    void sellLimit(double price, double quantity);

    /** Cancels every resting limit order. */
    void cancelLimits();

    /**
     * The strategy could not decide on this candle, past its warm-up, because the rule that decides (entry
     * when flat, exit when holding) is undefined there; a runner with an event log says so there.
     */
    default void undefined(Undefined why) {
    }

    default void enterLong() {
        buy(Double.NaN, Exits.NONE);
    }

    default void enterLong(Exits exits) {
        buy(Double.NaN, exits);
    }

    default void exit() {
        sell(1.0);
    }
}
