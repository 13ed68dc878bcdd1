package app.tradebot.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The candles, one DAO for both tables: {@code candles} holds the exchange's (shared by every user),
 * {@code imported_candles} each user's own imports. A reader always names the user it reads for and
 * sees {@link #VISIBLE}: the exchange's candles, and that user's imported ones at open times the
 * exchange has none for. A null user sees the exchange's only.
 */
@RegisterConstructorMapper(CandleView.class)
@RegisterConstructorMapper(CandleDao.Gap.class)
interface CandleDao extends SqlObject {

    /**
     * The candles {@code :userId} sees of {@code :symbol}, every interval: a derived table to filter by
     * interval and open time (PostgreSQL pushes those conditions into both arms, onto their primary keys).
     * The exchange's candle at an imported one's open time is looked up one primary-key probe per row (a
     * lateral join): a NOT EXISTS, planned on stale statistics right after an import, compared every
     * imported row with every exchange row (minutes for 20,000 candles, where this takes 0.3 s).
     */
    String VISIBLE = """
            (select interval, open_time, open, high, low, close, volume from candles where symbol = :symbol
             union all
             select i.interval, i.open_time, i.open, i.high, i.low, i.close, i.volume from imported_candles i
             left join lateral (select true as held from candles c
                                where c.symbol = i.symbol and c.interval = i.interval and c.open_time = i.open_time
                                limit 1) exchange on true
             where i.user_id = :userId and i.symbol = :symbol and exchange.held is null
            ) visible
            """;

    /** Open times missing between two stored candles: {@code [start, end)}, where end is the next stored one. */
    record Gap(Instant start, Instant end) {
    }

    @SqlQuery("select open_time, open, high, low, close, volume from " + VISIBLE + """
            where interval = :interval and open_time >= :from and open_time < :to
            order by open_time
            limit :limit
            """)
    List<CandleView> from(@Bind("userId") UUID userId, @Bind("symbol") String symbol, @Bind("interval") String interval,
            @Bind("from") Instant from, @Bind("to") Instant to, @Bind("limit") int limit);

    @SqlQuery("select * from (select open_time, open, high, low, close, volume from " + VISIBLE + """
                where interval = :interval and open_time < :to
                order by open_time desc
                limit :limit
            ) latest
            order by open_time
            """)
    List<CandleView> latest(@Bind("userId") UUID userId, @Bind("symbol") String symbol, @Bind("interval") String interval,
            @Bind("to") Instant to, @Bind("limit") int limit);

    @SqlQuery("select count(*) from " + VISIBLE + """
            where interval = :interval and open_time >= :from and open_time < :to
            """)
    long count(@Bind("userId") UUID userId, @Bind("symbol") String symbol, @Bind("interval") String interval,
            @Bind("from") Instant from, @Bind("to") Instant to);

    /**
     * The candles {@code userId} sees in {@code [from, to)}, straight into columns: a million rows must not
     * become a million objects.
     */
    default CandleSeries series(UUID userId, String symbol, Interval interval, Instant from, Instant to) {
        Columns columns = new Columns();
        getHandle().createQuery("select open_time, open, high, low, close, volume from " + VISIBLE + """
                where interval = :interval and open_time >= :from and open_time < :to
                order by open_time
                """)
                .bind("userId", userId)
                .bind("symbol", symbol)
                .bind("interval", interval.code())
                .bind("from", from)
                .bind("to", to)
                .setFetchSize(10_000)
                .scanResultSet((results, context) -> {
                    var rs = results.get();
                    while (rs.next()) {
                        columns.add(rs.getTimestamp(1).getTime(), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                                rs.getDouble(5), rs.getDouble(6));
                    }
                    return null;
                });
        return columns.toSeries(symbol, interval);
    }

    /** A stored candle's close and which candle it is. */
    record LastClose(BigDecimal close, Instant openTime, String interval) {
    }

    /** The close of the latest candle {@code userId} sees, of any interval (the shortest interval among equals). */
    @SqlQuery("select close, open_time, interval from " + VISIBLE + """
            order by open_time desc, interval
            limit 1
            """)
    @RegisterConstructorMapper(LastClose.class)
    Optional<LastClose> latestClose(@Bind("userId") UUID userId, @Bind("symbol") String symbol);

    /**
     * Stores a file's valid rows (streamed into the temporary table {@code candle_upload}) as the user's
     * own; rows already among their imports stay as they were. The number stored.
     */
    @SqlUpdate("""
            insert into imported_candles (user_id, symbol, interval, open_time, open, high, low, close, volume)
            select :userId, :symbol, :interval, open_time, open, high, low, close, volume from candle_upload
            on conflict (user_id, symbol, interval, open_time) do nothing
            """)
    int importUpload(@Bind("userId") UUID userId, @Bind("symbol") String symbol, @Bind("interval") String interval);

    /** How many of the uploaded rows the exchange's candles supersede (the user sees the exchange's). */
    @SqlQuery("""
            select count(*) from candle_upload u
            where exists (select 1 from candles c
                          where c.symbol = :symbol and c.interval = :interval and c.open_time = u.open_time)
            """)
    long supersededUpload(@Bind("symbol") String symbol, @Bind("interval") String interval);

    // The exchange's candles only: what refreshCandles and the bot runner's refresh fetch and store.

    @SqlQuery("select max(open_time) from candles where symbol = :symbol and interval = :interval")
    Optional<Instant> lastOpenTime(@Bind("symbol") String symbol, @Bind("interval") String interval);

    /**
     * Holes of more than one step between stored candles (the step of intervals up to a week is fixed;
     * a month's is not, so months are compared by the month), except those the exchange had nothing
     * for when last asked.
     */
    @SqlQuery("""
            select g.start, g.next_open as "end" from (
                select open_time + cast(:step as interval) as start,
                       lead(open_time) over (order by open_time) as next_open
                from candles where symbol = :symbol and interval = :interval
            ) g
            where g.next_open > g.start
              and not exists (select 1 from candle_gaps_checked c
                              where c.symbol = :symbol and c.interval = :interval and c.gap_start = g.start)
            order by g.start
            limit 100
            """)
    List<Gap> gaps(@Bind("symbol") String symbol, @Bind("interval") String interval, @Bind("step") String step);

    @SqlUpdate("""
            insert into candle_gaps_checked (symbol, interval, gap_start, gap_end) values (:symbol, :interval, :start, :end)
            on conflict (symbol, interval, gap_start) do update set gap_end = excluded.gap_end, checked_at = now()
            """)
    void gapChecked(@Bind("symbol") String symbol, @Bind("interval") String interval, @Bind("start") Instant start,
            @Bind("end") Instant end);

    @SqlBatch("""
            insert into candles (symbol, interval, open_time, open, high, low, close, volume)
            values (:symbol, :interval, :openTime, :open, :high, :low, :close, :volume)
            on conflict (symbol, interval, open_time) do nothing
            """)
    int[] insert(@Bind("symbol") String symbol, @Bind("interval") String interval, @BindMethods List<Kline> klines);

    /** Columns that grow as rows are read. */
    final class Columns {
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
