package app.tradebot.strategy;

/**
 * A trading strategy. It is shown one closed candle at a time, oldest first, keeps its own
 * indicator state and emits intents through {@link Signals}. It never receives a later candle than
 * the one it is deciding on, so it cannot look ahead. One instance per run: backtests, paper and
 * live bots all run this same object.
 */
public interface Strategy {

    void onBar(Bar bar, Signals signals);

    /** How many candles the indicators need before a signal means anything. */
    default int warmUp() {
        return 0;
    }
}
