package app.tradebot.strategy.indicators;

/**
 * Average true range as ta4j's ATRIndicator: true range (high - low on the first candle, then the
 * largest of high - low, |high - previous close|, |previous close - low|) smoothed by Wilder's
 * modified moving average seeded with the first value. Ready after {@code period} candles.
 */
public final class Atr {

    private final Smoothing smoothing;
    private double previousClose = Double.NaN;
    private boolean first = true;

    public Atr(int period) {
        this.smoothing = Smoothing.wilder(period);
    }

    public double update(double high, double low, double close) {
        double range = Math.abs(high - low);
        if (!first) {
            range = Math.max(range, Math.max(Math.abs(high - previousClose), Math.abs(previousClose - low)));
        }
        first = false;
        previousClose = close;
        return smoothing.update(range);
    }

    public double value() {
        return smoothing.value();
    }

    public boolean isReady() {
        return smoothing.isReady();
    }
}
