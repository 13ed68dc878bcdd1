package app.tradebot.market;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(WatchView.class)
@RegisterConstructorMapper(WatchDao.Pair.class)
interface WatchDao {

    /** A (symbol, interval) someone watches. */
    record Pair(String symbol, String interval) {
    }

    /** Empty when the user watches the pair already. */
    @SqlQuery("""
            insert into candle_watches (id, user_id, symbol, interval) values (:id, :userId, :symbol, :interval)
            on conflict (user_id, symbol, interval) do nothing
            returning id, symbol, interval, created_at
            """)
    Optional<WatchView> insert(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("symbol") String symbol,
            @Bind("interval") String interval);

    @SqlQuery("""
            select id, symbol, interval, created_at from candle_watches where user_id = :userId
            order by symbol, interval
            """)
    List<WatchView> list(@Bind("userId") UUID userId);

    @SqlUpdate("delete from candle_watches where id = :id and user_id = :userId")
    int delete(@Bind("id") UUID id, @Bind("userId") UUID userId);

    @SqlQuery("select distinct symbol, interval from candle_watches order by symbol, interval")
    List<Pair> pairs();

    @SqlQuery("select distinct symbol from candle_watches order by symbol")
    List<String> symbols();
}
