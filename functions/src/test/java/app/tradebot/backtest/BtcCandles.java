package app.tradebot.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import app.tradebot.exchange.Interval;
import app.tradebot.market.CandleSeries;

/**
 * The real Coinbase BTC/USD 4h candles (20,695 from 2016-05-18), from the test resources the
 * strategy tests read too ({@code candles/}, a copy of the shared market data).
 */
final class BtcCandles {

    static final String FILE = "/candles/coinbase-btcusd-4h-20160518-20251028.csv";
    static final int SIZE = 20_695;

    private static volatile CandleSeries series;

    private BtcCandles() {
    }

    static List<String> rows() {
        try (InputStream in = BtcCandles.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + FILE);
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            return lines.subList(1, lines.size());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CandleSeries series() {
        if (series == null) {
            List<String> rows = rows();
            int n = rows.size();
            long[] t = new long[n];
            double[] o = new double[n];
            double[] h = new double[n];
            double[] l = new double[n];
            double[] c = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                String[] f = rows.get(i).split(",");
                t[i] = Long.parseLong(f[0]);
                o[i] = Double.parseDouble(f[1]);
                h[i] = Double.parseDouble(f[2]);
                l[i] = Double.parseDouble(f[3]);
                c[i] = Double.parseDouble(f[4]);
                v[i] = Double.parseDouble(f[5]);
            }
            series = new CandleSeries("BTCUSD", Interval.H4, t, o, h, l, c, v);
        }
        return series;
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
