package app.tradebot.strategy.indicators;

/**
 * Donchian channels as ta4j's: upper = highest high and lower = lowest low of the last
 * {@code period} candles, current one included; middle = their mean. Ready after {@code period}.
 */
public final class Donchian {

    private final SlidingExtreme highest;
    private final SlidingExtreme lowest;

    public Donchian(int period) {
        this.highest = SlidingExtreme.highest(period);
        this.lowest = SlidingExtreme.lowest(period);
    }

    public void update(double high, double low) {
        highest.update(high);
        lowest.update(low);
    }

    public double upper() {
        return highest.value();
    }

    public double lower() {
        return lowest.value();
    }

    public double middle() {
        return (highest.value() + lowest.value()) / 2;
    }

    public boolean isReady() {
        return highest.isReady();
    }
}
