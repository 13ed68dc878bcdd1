package app.tradebot.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.tradebot.exchange.Kline;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(CandleView.class)
@RegisterConstructorMapper(CandleDao.Gap.class)
interface CandleDao {

    /** Open times missing between two stored candles: {@code [start, end)}, where end is the next stored one. */
    record Gap(Instant start, Instant end) {
    }

    @SqlQuery("""
            select open_time, open, high, low, close, volume from candles
            where symbol = :symbol and interval = :interval and open_time >= :from and open_time < :to
            order by open_time
            limit :limit
            """)
    List<CandleView> from(@Bind("symbol") String symbol, @Bind("interval") String interval, @Bind("from") Instant from,
            @Bind("to") Instant to, @Bind("limit") int limit);

    @SqlQuery("""
            select * from (
                select open_time, open, high, low, close, volume from candles
                where symbol = :symbol and interval = :interval and open_time < :to
                order by open_time desc
                limit :limit
            ) latest
            order by open_time
            """)
    List<CandleView> latest(@Bind("symbol") String symbol, @Bind("interval") String interval, @Bind("to") Instant to,
            @Bind("limit") int limit);

    @SqlQuery("select max(open_time) from candles where symbol = :symbol and interval = :interval")
    Optional<Instant> lastOpenTime(@Bind("symbol") String symbol, @Bind("interval") String interval);

    /** A stored candle's close and which candle it is. */
    record LastClose(BigDecimal close, Instant openTime, String interval) {
    }

    /** The close of the latest stored candle of any interval (the shortest interval among equals). */
    @SqlQuery("""
            select close, open_time, interval from candles where symbol = :symbol
            order by open_time desc, interval
            limit 1
            """)
    @RegisterConstructorMapper(LastClose.class)
    Optional<LastClose> latestClose(@Bind("symbol") String symbol);

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
}
