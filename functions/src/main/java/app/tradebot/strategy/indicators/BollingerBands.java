package app.tradebot.strategy.indicators;

/**
 * Bollinger Bands as ta4j's: middle = SMA(period), upper/lower = middle &plusmn; k &middot; the population
 * standard deviation of the same window (ta4j's StandardDeviationIndicator); partial windows before
 * the first {@code period} values. The variance comes from sums of deviations from a shift that is
 * reset to the window's mean once per lap (with the sums recomputed exactly), so neither
 * cancellation nor drift creeps in: amortised O(1).
 */
public final class BollingerBands {

    private final Window window;
    private final double k;
    private double shift;
    private double sum;
    private double sumOfSquares;
    private double middle = Double.NaN;
    private double deviation = Double.NaN;

    public BollingerBands(int period, double k) {
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        this.window = new Window(period);
        this.k = k;
    }

    public void update(double x) {
        if (window.size() == 0) {
            shift = x;
        }
        if (window.isFull()) {
            double d = window.oldest() - shift;
            sum -= d;
            sumOfSquares -= d * d;
        }
        window.add(x);
        int n = window.size();
        if (window.atLapStart()) {
            shift = window.sum() / n;
            recompute();
        }
        else {
            double d = x - shift;
            sum += d;
            sumOfSquares += d * d;
        }
        double meanDeviation = sum / n;
        middle = shift + meanDeviation;
        deviation = Math.sqrt(Math.max(0, sumOfSquares / n - meanDeviation * meanDeviation));
    }

    private void recompute() {
        sum = 0;
        sumOfSquares = 0;
        for (int i = 0; i < window.size(); i++) {
            double d = window.get(i) - shift;
            sum += d;
            sumOfSquares += d * d;
        }
    }

    public double middle() {
        return middle;
    }

    public double upper() {
        return middle + deviation * k;
    }

    public double lower() {
        return middle - deviation * k;
    }

    /** The population standard deviation of the window. */
    public double standardDeviation() {
        return deviation;
    }

    public boolean isReady() {
        return window.isFull();
    }
}
