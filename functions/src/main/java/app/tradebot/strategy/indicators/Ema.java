package app.tradebot.strategy.indicators;

/**
 * Exponential moving average with {@code alpha = 2 / (period + 1)}, seeded with the first value (as
 * ta4j's EMAIndicator, not with an SMA of the first period). Ready after {@code period} values.
 */
public final class Ema implements MovingAverage {

    private final Smoothing smoothing;

    public Ema(int period) {
        this.smoothing = new Smoothing(period, 2.0 / (period + 1));
    }

    @Override
    public double update(double x) {
        return smoothing.update(x);
    }

    @Override
    public double value() {
        return smoothing.value();
    }

    @Override
    public boolean isReady() {
        return smoothing.isReady();
    }

    public int period() {
        return smoothing.period();
    }
}
