package app.tradebot.strategy.indicators;

/**
 * Volume-weighted average price over a rolling window of the last {@code period} candles, as ta4j's
 * VWAPIndicator: sum(typical price &middot; volume) / sum(volume), typical price = (high + low + close) / 3.
 * Not anchored to a session: a bot runs across days. NaN while the window holds no volume; the first
 * candle alone gives its typical price. Sums are recomputed once per lap: amortised O(1).
 */
public final class Vwap {

    private final Window prices;
    private final Window volumes;
    private double priceVolume;
    private double volume;
    private double value = Double.NaN;

    public Vwap(int period) {
        this.prices = new Window(period);
        this.volumes = new Window(period);
    }

    public double update(double high, double low, double close, double barVolume) {
        double typical = (high + low + close) / 3;
        if (prices.isFull()) {
            priceVolume -= prices.oldest() * volumes.oldest();
            volume -= volumes.oldest();
        }
        prices.add(typical);
        volumes.add(barVolume);
        if (prices.atLapStart()) {
            priceVolume = 0;
            volume = 0;
            for (int i = 0; i < prices.size(); i++) {
                priceVolume += prices.get(i) * volumes.get(i);
                volume += volumes.get(i);
            }
        }
        else {
            priceVolume += typical * barVolume;
            volume += barVolume;
        }
        value = prices.size() == 1 ? typical : priceVolume / volume;
        return value;
    }

    public double value() {
        return value;
    }

    public boolean isReady() {
        return prices.isFull();
    }
}
