package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The equity_snapshots table. */
interface EquityDao {

    /** A second snapshot of the same instant replaces the first: the later reading knows more fills. */
    @SqlUpdate("""
            insert into equity_snapshots (account_id, user_id, at, equity_usdt, unpriced)
            values (:accountId, :userId, :at, :equity, :unpriced)
            on conflict (account_id, at) do update set equity_usdt = excluded.equity_usdt, unpriced = excluded.unpriced
            """)
    int insert(@Bind("accountId") UUID accountId, @Bind("userId") UUID userId, @Bind("at") Instant at,
            @Bind("equity") BigDecimal equity, @Bind("unpriced") String[] unpriced);

    /** The time of the first snapshot in {@code [from, to]}. */
    @SqlQuery("select at from equity_snapshots where account_id = :accountId and at >= :from and at <= :to order by at limit 1")
    Optional<Instant> first(@Bind("accountId") UUID accountId, @Bind("from") Instant from, @Bind("to") Instant to);

    /**
     * The snapshots in {@code [from, to]}, oldest first, at most {@code buckets}: the range is cut into that
     * many equal spans of {@code spanMillis} and each span with snapshots gives its latest (the equity as the
     * span ended, exact, never an average).
     */
    @SqlQuery("""
            select at as time, equity_usdt from (
                select distinct on (bucket) at, equity_usdt from (
                    select at, equity_usdt,
                           least(floor(extract(epoch from (at - :from)) * 1000 / :spanMillis), :buckets - 1) as bucket
                    from equity_snapshots
                    where account_id = :accountId and at >= :from and at <= :to
                ) s
                order by bucket, at desc
            ) latest
            order by at
            """)
    @RegisterConstructorMapper(EquityView.Point.class)
    List<EquityView.Point> downsampled(@Bind("accountId") UUID accountId, @Bind("from") Instant from, @Bind("to") Instant to,
            @Bind("spanMillis") long spanMillis, @Bind("buckets") int buckets);
}
