package app.tradebot.backtest;

import app.tradebot.exchange.Interval;
import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.RealCandles;

/**
 * The real Coinbase BTC/USD 4h candles (20,695 from 2016-05-18), as the strategy tests read them
 * ({@link RealCandles}), in the engine's columns.
 */
final class BtcCandles {

    static final int SIZE = 20_695;

    private BtcCandles() {
    }

    static CandleSeries series() {
        return RealCandles.btcUsd4h().series("BTCUSD", Interval.H4);
    }

    /** The series {@code times} over, each copy shifted to follow the previous one (benchmarks). */
    static CandleSeries repeated(int size) {
        CandleSeries one = series();
        int n = one.size();
        long span = one.openTimes()[n - 1] - one.openTimes()[0] + Interval.H4.duration().toMillis();
        long[] t = new long[size];
        double[] o = new double[size];
        double[] h = new double[size];
        double[] l = new double[size];
        double[] c = new double[size];
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            int k = i % n;
            t[i] = one.openTimes()[k] + (long) (i / n) * span;
            o[i] = one.open()[k];
            h[i] = one.high()[k];
            l[i] = one.low()[k];
            c[i] = one.close()[k];
            v[i] = one.volume()[k];
        }
        return new CandleSeries("BTCUSD", Interval.H4, t, o, h, l, c, v);
    }
}
