package app.tradebot.market;

import app.tradebot.exchange.Interval;

/**
 * Closed candles of one symbol and interval in open-time order, column by column, for analytics
 * loops that must not allocate per candle (indicators, backtests). Times are epoch milliseconds.
 * The arrays are the series' own: callers must not modify them.
 */
public final class CandleSeries {

    private final String symbol;
    private final Interval interval;
    private final long[] openTimes;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;

    public CandleSeries(String symbol, Interval interval, long[] openTimes, double[] open, double[] high, double[] low,
            double[] close, double[] volume) {
        int n = openTimes.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("every column of a candle series has the same length");
        }
        this.symbol = symbol;
        this.interval = interval;
        this.openTimes = openTimes;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
    }

    public String symbol() {
        return symbol;
    }

    public Interval interval() {
        return interval;
    }

    public int size() {
        return openTimes.length;
    }

    public long[] openTimes() {
        return openTimes;
    }

    public double[] open() {
        return open;
    }

    public double[] high() {
        return high;
    }

    public double[] low() {
        return low;
    }

    public double[] close() {
        return close;
    }

    public double[] volume() {
        return volume;
    }
}
