package app.tradebot.backtest;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import app.tradebot.exchange.Interval;
import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Bar;
import app.tradebot.strategy.Signals;
import app.tradebot.strategy.Strategy;

/** A strategy that does what the test says on the candles it names, and hand-made candle series. */
final class Scripted implements Strategy {

    static final long T0 = 1_700_000_000_000L;
    static final long H4 = Interval.H4.duration().toMillis();

    private final Map<Integer, Consumer<Signals>> actions = new HashMap<>();
    private final int warmUp;
    private int index;

    Scripted() {
        this(0);
    }

    Scripted(int warmUp) {
        this.warmUp = warmUp;
    }

    Scripted on(int candle, Consumer<Signals> action) {
        actions.merge(candle, action, Consumer::andThen);
        return this;
    }

    @Override
    public void onBar(Bar bar, Signals signals) {
        Consumer<Signals> action = actions.get(index++);
        if (action != null) {
            action.accept(signals);
        }
    }

    @Override
    public int warmUp() {
        return warmUp;
    }

    /** Candles from rows of {open, high, low, close}, 4 hours apart. */
    static CandleSeries series(double[]... ohlc) {
        int n = ohlc.length;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * H4;
            o[i] = ohlc[i][0];
            h[i] = ohlc[i][1];
            l[i] = ohlc[i][2];
            c[i] = ohlc[i][3];
            v[i] = 1;
        }
        return new CandleSeries("BTCUSDT", Interval.H4, t, o, h, l, c, v);
    }

    static double[] c(double open, double high, double low, double close) {
        return new double[] { open, high, low, close };
    }
}
