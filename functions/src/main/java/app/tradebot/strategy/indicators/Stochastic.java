package app.tradebot.strategy.indicators;

/**
 * Stochastic oscillator as ta4j's: %K = 100 &middot; (close - lowest low) / (highest high - lowest low)
 * over the last {@code kPeriod} candles, current one included (NaN when the range is empty, as ta4j);
 * %D = SMA(dPeriod) of %K (ta4j's StochasticOscillatorDIndicator uses 3). Ready after
 * {@code kPeriod + dPeriod - 1} candles.
 */
public final class Stochastic {

    private final SlidingExtreme highest;
    private final SlidingExtreme lowest;
    private final Sma d;
    private final int kPeriod;
    private double k = Double.NaN;
    private long count;

    public Stochastic(int kPeriod, int dPeriod) {
        this.highest = SlidingExtreme.highest(kPeriod);
        this.lowest = SlidingExtreme.lowest(kPeriod);
        this.d = new Sma(dPeriod);
        this.kPeriod = kPeriod;
    }

    public void update(double high, double low, double close) {
        double hh = highest.update(high);
        double ll = lowest.update(low);
        k = (close - ll) / (hh - ll) * 100;
        d.update(k);
        count++;
    }

    public double k() {
        return k;
    }

    public double d() {
        return d.value();
    }

    public boolean isReady() {
        return count >= kPeriod + d.period() - 1;
    }
}
