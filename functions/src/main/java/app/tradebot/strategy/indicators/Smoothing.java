package app.tradebot.strategy.indicators;

/**
 * Exponential smoothing {@code v += (x - v) * alpha} seeded with the first value, in ta4j's
 * AbstractEMAIndicator's order of operations. EMA and Wilder's (modified) moving average are this
 * with different alphas.
 */
final class Smoothing {

    private final int period;
    private final double alpha;
    private double value = Double.NaN;
    private long count;

    Smoothing(int period, double alpha) {
        Window.checkPeriod(period);
        this.period = period;
        this.alpha = alpha;
    }

    /** Wilder's smoothing, ta4j's MMAIndicator: alpha = 1 / period. */
    static Smoothing wilder(int period) {
        return new Smoothing(period, 1.0 / period);
    }

    double update(double x) {
        value = count == 0 ? x : (x - value) * alpha + value;
        count++;
        return value;
    }

    double value() {
        return value;
    }

    boolean isReady() {
        return count >= period;
    }

    int period() {
        return period;
    }
}
