package app.tradebot.strategy.indicators;

/**
 * Relative strength index with Wilder's smoothing, as ta4j's RSIIndicator: gains and losses of the
 * close (zero on the first candle) each smoothed by a modified moving average (alpha = 1 / period)
 * seeded with the first value; 100 when there were only gains, 0 when the price never moved.
 * Ready after {@code period + 1} closes.
 */
public final class Rsi {

    private final Smoothing gains;
    private final Smoothing losses;
    private double previous = Double.NaN;
    private double value = Double.NaN;
    private long count;

    public Rsi(int period) {
        this.gains = Smoothing.wilder(period);
        this.losses = Smoothing.wilder(period);
    }

    public double update(double close) {
        double change = count == 0 ? 0 : close - previous;
        double averageGain = gains.update(change > 0 ? change : 0);
        double averageLoss = losses.update(change < 0 ? -change : 0);
        previous = close;
        count++;
        if (averageLoss == 0) {
            value = averageGain == 0 ? 0 : 100;
        }
        else {
            value = 100 - 100 / (1 + averageGain / averageLoss);
        }
        return value;
    }

    public double value() {
        return value;
    }

    public boolean isReady() {
        return count > gains.period();
    }
}
