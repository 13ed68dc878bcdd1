package app.tradebot.strategy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import app.tradebot.exchange.Interval;
import app.tradebot.market.CandleSeries;

/**
 * The real candle series of the shared market data, copied to the test resources
 * ({@code candles/}, see its README), column by column, with the decimal text of each value kept
 * for exact references.
 */
public final class RealCandles {

    /** Coinbase BTC/USD, 4 h, 2016-05-18 .. 2025-10-28: 20,695 candles with a few gaps. */
    public static final String BTC_USD_4H = "coinbase-btcusd-4h-20160518-20251028.csv";

    /** Binance.US ETH/USD, 5 m, 2023-03-13 .. 2023-03-15: 580 candles. */
    public static final String ETH_USD_5M = "binanceus-ethusd-5m-20230313-20230315.csv";

    private static final Map<String, RealCandles> LOADED = new ConcurrentHashMap<>();

    private final long[] openTimes;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final String[][] text;

    private RealCandles(int n) {
        openTimes = new long[n];
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        text = new String[n][];
    }

    public static RealCandles btcUsd4h() {
        return load(BTC_USD_4H);
    }

    public static RealCandles ethUsd5m() {
        return load(ETH_USD_5M);
    }

    /** A file of the test resources' {@code candles/}, read once per test JVM. */
    public static RealCandles load(String file) {
        return LOADED.computeIfAbsent(file, RealCandles::read);
    }

    private static RealCandles read(String file) {
        try (InputStream in = RealCandles.class.getResourceAsStream("/candles/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource candles/" + file);
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            if (!lines.get(0).equals("open_time,open,high,low,close,volume")) {
                throw new IllegalStateException("unexpected header in " + file + ": " + lines.get(0));
            }
            RealCandles candles = new RealCandles(lines.size() - 1);
            for (int i = 1; i < lines.size(); i++) {
                String[] fields = lines.get(i).split(",");
                int row = i - 1;
                candles.text[row] = fields;
                candles.openTimes[row] = Long.parseLong(fields[0]);
                candles.open[row] = Double.parseDouble(fields[1]);
                candles.high[row] = Double.parseDouble(fields[2]);
                candles.low[row] = Double.parseDouble(fields[3]);
                candles.close[row] = Double.parseDouble(fields[4]);
                candles.volume[row] = Double.parseDouble(fields[5]);
            }
            return candles;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return openTimes.length;
    }

    public Candle bar(int i) {
        return new Candle(openTimes[i], open[i], high[i], low[i], close[i], volume[i]);
    }

    /** Every candle as a {@link Bar}, oldest first. */
    public List<Candle> bars() {
        return new AbstractList<>() {
            @Override
            public Candle get(int index) {
                return bar(index);
            }

            @Override
            public int size() {
                return openTimes.length;
            }
        };
    }

    /** Field {@code column} (1 open .. 5 volume) of candle {@code i} as the file writes it. */
    public String text(int i, int column) {
        return text[i][column];
    }

    /** The candles as a {@link CandleSeries} sharing these columns. */
    public CandleSeries series(String symbol, Interval interval) {
        return new CandleSeries(symbol, interval, openTimes, open, high, low, close, volume);
    }

    // The columns are the series' own: callers must not modify them.

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
