package app.tradebot.strategy.indicators;

/**
 * Simple moving average over the last {@code period} values (ta4j's SMAIndicator: before the window
 * is full it averages what it has). The running sum is recomputed from the window once per lap, so
 * rounding cannot drift over long series: amortised O(1) per update.
 */
public final class Sma implements MovingAverage {

    private final Window window;
    private double sum;
    private double value = Double.NaN;

    public Sma(int period) {
        this.window = new Window(period);
    }

    @Override
    public double update(double x) {
        if (window.isFull()) {
            sum -= window.oldest();
        }
        window.add(x);
        sum = window.atLapStart() ? window.sum() : sum + x;
        value = sum / window.size();
        return value;
    }

    @Override
    public double value() {
        return value;
    }

    @Override
    public boolean isReady() {
        return window.isFull();
    }

    public int period() {
        return window.capacity();
    }
}
