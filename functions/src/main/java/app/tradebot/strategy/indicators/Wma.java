package app.tradebot.strategy.indicators;

/**
 * Weighted moving average, weights 1 (oldest) .. period (newest), as ta4j's WMAIndicator (before the
 * window is full it weighs what it has, 1..n). O(1): adding a value to a full window lowers every
 * weight by one, which is subtracting the plain sum. Both sums are recomputed once per lap so
 * rounding cannot drift: amortised O(1).
 */
public final class Wma implements MovingAverage {

    private final Window window;
    private double sum;
    private double weightedSum;
    private double value = Double.NaN;

    public Wma(int period) {
        this.window = new Window(period);
    }

    @Override
    public double update(double x) {
        if (window.isFull()) {
            weightedSum -= sum;
            sum -= window.oldest();
        }
        window.add(x);
        int n = window.size();
        if (window.atLapStart()) {
            sum = 0;
            weightedSum = 0;
            for (int i = 0; i < n; i++) {
                double v = window.get(i);
                sum += v;
                weightedSum += (i + 1) * v;
            }
        }
        else {
            sum += x;
            weightedSum += n * x;
        }
        value = weightedSum / (n * (n + 1) / 2.0);
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
