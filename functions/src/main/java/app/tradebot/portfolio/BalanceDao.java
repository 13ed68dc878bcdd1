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

/** The balance reconciliation's tables: the baseline of each Binance account and the drifts found. */
interface BalanceDao {

    /** What the last reconciliation read: balances as JSON (asset → decimal string) and the fills it had counted. */
    record Baseline(String balances, long fillSeq) {
    }

    @SqlQuery("select balances, fill_seq from balance_baselines where account_id = :accountId")
    @RegisterConstructorMapper(Baseline.class)
    Optional<Baseline> baseline(@Bind("accountId") UUID accountId);

    @SqlUpdate("""
            insert into balance_baselines (account_id, balances, fill_seq, at)
            values (:accountId, cast(:balances as jsonb), :fillSeq, :at)
            on conflict (account_id) do update set balances = excluded.balances, fill_seq = excluded.fill_seq, at = excluded.at
            """)
    int saveBaseline(@Bind("accountId") UUID accountId, @Bind("balances") String balances, @Bind("fillSeq") long fillSeq,
            @Bind("at") Instant at);

    @SqlUpdate("""
            insert into balance_drifts (id, account_id, user_id, asset, kind, expected, actual, at)
            values (:id, :accountId, :userId, :asset, :kind, :expected, :actual, :at)
            """)
    int insert(@Bind("id") UUID id, @Bind("accountId") UUID accountId, @Bind("userId") UUID userId, @Bind("asset") String asset,
            @Bind("kind") BalanceDrift.Kind kind, @Bind("expected") BigDecimal expected, @Bind("actual") BigDecimal actual,
            @Bind("at") Instant at);

    /** The latest drift of the kind for the account's asset: a shortfall that stays the same is recorded once. */
    @SqlQuery("""
            select id, account_id, user_id, asset, kind, expected, actual, at from balance_drifts
            where account_id = :accountId and asset = :asset and kind = :kind
            order by at desc limit 1
            """)
    @RegisterConstructorMapper(BalanceDrift.class)
    Optional<BalanceDrift> latest(@Bind("accountId") UUID accountId, @Bind("asset") String asset,
            @Bind("kind") BalanceDrift.Kind kind);

    @SqlQuery("""
            select id, account_id, user_id, asset, kind, expected, actual, at from balance_drifts
            where account_id = :accountId order by at, asset
            """)
    @RegisterConstructorMapper(BalanceDrift.class)
    List<BalanceDrift> ofAccount(@Bind("accountId") UUID accountId);
}
