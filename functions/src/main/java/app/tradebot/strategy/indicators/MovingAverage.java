package app.tradebot.strategy.indicators;

/** A streaming average of one value per candle, so a strategy can be built over any of them. */
public interface MovingAverage {

    /** Adds the next value and returns the average including it. */
    double update(double value);

    /** The average after the last update; NaN before the first. */
    double value();

    /** True once the average has seen its period of values. */
    boolean isReady();
}
