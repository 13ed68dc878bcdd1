package app.tradebot.strategy;

/**
 * The closed candle a strategy is shown: only the current one. Times are epoch milliseconds.
 * The object may be reused for the next candle, so a strategy keeps values, never the bar.
 */
public interface Bar {

    long openTime();

    double open();

    double high();

    double low();

    double close();

    double volume();
}
