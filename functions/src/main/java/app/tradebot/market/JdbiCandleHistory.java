package app.tradebot.market;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.SymbolRules;
import org.jdbi.v3.core.Jdbi;

import org.springframework.stereotype.Component;

/** Reads candles straight into columns: a million rows must not become a million objects. */
@Component
class JdbiCandleHistory implements CandleHistory {

    private final Jdbi jdbi;

    JdbiCandleHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public long count(String symbol, Interval interval, Instant from, Instant to) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                select count(*) from candles
                where symbol = :symbol and interval = :interval and open_time >= :from and open_time < :to
                """)
                .bind("symbol", symbol)
                .bind("interval", interval.code())
                .bind("from", from)
                .bind("to", to)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public SymbolRules rules(String symbol) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                select symbol, base_asset, quote_asset, status, tick_size, step_size, min_qty, max_qty, min_notional,
                    min_price, max_price, market_step_size, market_min_qty, market_max_qty, max_notional,
                    apply_min_to_market, apply_max_to_market, bid_multiplier_up, bid_multiplier_down, ask_multiplier_up,
                    ask_multiplier_down, max_num_orders, source
                from symbols where symbol = :symbol
                """)
                .bind("symbol", symbol)
                .map((rs, ctx) -> rs.getBigDecimal("tick_size") == null
                        ? SymbolRules.unfiltered(symbol, rs.getString("base_asset"), rs.getString("quote_asset"))
                        : new SymbolRules(symbol, rs.getString("base_asset"), rs.getString("quote_asset"),
                                rs.getString("status"), rs.getBigDecimal("tick_size"), rs.getBigDecimal("step_size"),
                                rs.getBigDecimal("min_qty"), rs.getBigDecimal("max_qty"), rs.getBigDecimal("min_notional"),
                                rs.getBigDecimal("min_price"), rs.getBigDecimal("max_price"),
                                rs.getBigDecimal("market_step_size"), rs.getBigDecimal("market_min_qty"),
                                rs.getBigDecimal("market_max_qty"), rs.getBigDecimal("max_notional"),
                                rs.getBoolean("apply_min_to_market"), rs.getBoolean("apply_max_to_market"),
                                rs.getBigDecimal("bid_multiplier_up"), rs.getBigDecimal("bid_multiplier_down"),
                                rs.getBigDecimal("ask_multiplier_up"), rs.getBigDecimal("ask_multiplier_down"),
                                rs.getInt("max_num_orders")))
                .findOne()
                .orElseGet(() -> SymbolRules.unfiltered(symbol, null, null)));
    }

    @Override
    public CandleSeries load(String symbol, Interval interval, Instant from, Instant to) {
        return jdbi.withHandle(handle -> {
            Columns columns = new Columns();
            handle.createQuery("""
                    select open_time, open, high, low, close, volume from candles
                    where symbol = :symbol and interval = :interval and open_time >= :from and open_time < :to
                    order by open_time
                    """)
                    .bind("symbol", symbol)
                    .bind("interval", interval.code())
                    .bind("from", from)
                    .bind("to", to)
                    .setFetchSize(10_000)
                    .scanResultSet((results, context) -> {
                        var rs = results.get();
                        while (rs.next()) {
                            Timestamp openTime = rs.getTimestamp(1);
                            columns.add(openTime.getTime(), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                                    rs.getDouble(5), rs.getDouble(6));
                        }
                        return null;
                    });
            return columns.toSeries(symbol, interval);
        });
    }

    private static final class Columns {
        private int size;
        private long[] times = new long[1024];
        private double[] open = new double[1024];
        private double[] high = new double[1024];
        private double[] low = new double[1024];
        private double[] close = new double[1024];
        private double[] volume = new double[1024];

        void add(long time, double o, double h, double l, double c, double v) {
            if (size == times.length) {
                int capacity = size * 2;
                times = Arrays.copyOf(times, capacity);
                open = Arrays.copyOf(open, capacity);
                high = Arrays.copyOf(high, capacity);
                low = Arrays.copyOf(low, capacity);
                close = Arrays.copyOf(close, capacity);
                volume = Arrays.copyOf(volume, capacity);
            }
            times[size] = time;
            open[size] = o;
            high[size] = h;
            low[size] = l;
            close[size] = c;
            volume[size] = v;
            size++;
        }

        CandleSeries toSeries(String symbol, Interval interval) {
            return new CandleSeries(symbol, interval, Arrays.copyOf(times, size), Arrays.copyOf(open, size),
                    Arrays.copyOf(high, size), Arrays.copyOf(low, size), Arrays.copyOf(close, size),
                    Arrays.copyOf(volume, size));
        }
    }
}
