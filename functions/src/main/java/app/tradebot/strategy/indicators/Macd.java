package app.tradebot.strategy.indicators;

/**
 * MACD as ta4j's MACDIndicator and its signal line: line = EMA(fast) - EMA(slow) of the value,
 * signal = EMA(signal period) of the line, histogram = line - signal; every EMA seeded with its
 * first value. Ready after {@code slow + signal} values.
 */
public final class Macd {

    private final Ema fast;
    private final Ema slow;
    private final Ema signal;
    private double line = Double.NaN;
    private double histogram = Double.NaN;
    private long count;

    public Macd(int fastPeriod, int slowPeriod, int signalPeriod) {
        if (fastPeriod > slowPeriod) {
            throw new IllegalArgumentException("the fast period must not exceed the slow one: " + fastPeriod + " > " + slowPeriod);
        }
        this.fast = new Ema(fastPeriod);
        this.slow = new Ema(slowPeriod);
        this.signal = new Ema(signalPeriod);
    }

    public void update(double value) {
        line = fast.update(value) - slow.update(value);
        histogram = line - signal.update(line);
        count++;
    }

    public double line() {
        return line;
    }

    public double signal() {
        return signal.value();
    }

    public double histogram() {
        return histogram;
    }

    public boolean isReady() {
        return count >= slow.period() + signal.period();
    }
}
