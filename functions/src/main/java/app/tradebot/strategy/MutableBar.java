package app.tradebot.strategy;

/**
 * A {@link Bar} a runner reuses from candle to candle, so showing a strategy a candle allocates nothing
 * (the bot runner's, from exact candles; the allocation test's, from columns).
 */
public class MutableBar implements Bar {

    private long openTime;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;

    /** This bar, now the candle given. */
    public MutableBar set(long openTime, double open, double high, double low, double close, double volume) {
        this.openTime = openTime;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        return this;
    }

    @Override
    public long openTime() {
        return openTime;
    }

    @Override
    public double open() {
        return open;
    }

    @Override
    public double high() {
        return high;
    }

    @Override
    public double low() {
        return low;
    }

    @Override
    public double close() {
        return close;
    }

    @Override
    public double volume() {
        return volume;
    }
}
