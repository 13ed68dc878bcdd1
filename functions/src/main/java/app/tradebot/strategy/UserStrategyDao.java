package app.tradebot.strategy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The user_strategies and user_strategy_versions tables. */
@RegisterConstructorMapper(UserStrategyRow.class)
interface UserStrategyDao {

    String COLUMNS = "s.id, s.user_id, s.name, v.version, v.source, s.created_at, s.updated_at";

    @SqlUpdate("""
            insert into user_strategies (id, user_id, name, version, created_at, updated_at)
            values (:id, :userId, :name, 1, :now, :now) on conflict (user_id, name) do nothing""")
    int insert(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("name") String name, @Bind("now") Instant now);

    @SqlUpdate("""
            insert into user_strategy_versions (strategy_id, version, source, created_at)
            values (:id, :version, :source, :now)""")
    void insertVersion(@Bind("id") UUID id, @Bind("version") int version, @Bind("source") String source,
            @Bind("now") Instant now);

    /** The next version number, the row locked; empty when it is not the user's strategy. */
    @SqlQuery("""
            update user_strategies set version = version + 1, updated_at = :now, name = :name
            where id = :id and user_id = :userId returning version""")
    Optional<Integer> bump(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("name") String name,
            @Bind("now") Instant now);

    @SqlQuery("select exists (select 1 from user_strategies where user_id = :userId and name = :name and id <> :id)")
    boolean nameTaken(@Bind("userId") UUID userId, @Bind("name") String name, @Bind("id") UUID id);

    @SqlQuery("select " + COLUMNS + " from user_strategies s join user_strategy_versions v "
            + "on v.strategy_id = s.id and v.version = s.version where s.id = :id and s.user_id = :userId")
    Optional<UserStrategyRow> find(@Bind("id") UUID id, @Bind("userId") UUID userId);

    @SqlQuery("select " + COLUMNS + " from user_strategies s join user_strategy_versions v "
            + "on v.strategy_id = s.id and v.version = s.version where s.name = :name and s.user_id = :userId")
    Optional<UserStrategyRow> findByName(@Bind("name") String name, @Bind("userId") UUID userId);

    /** One version, whoever owns it: only for references already pinned on the caller's behalf. */
    @SqlQuery("select s.id, s.user_id, s.name, v.version, v.source, s.created_at, s.updated_at "
            + "from user_strategies s join user_strategy_versions v on v.strategy_id = s.id "
            + "where s.id = :id and v.version = :version")
    Optional<UserStrategyRow> findVersion(@Bind("id") UUID id, @Bind("version") int version);

    @SqlQuery("select " + COLUMNS + " from user_strategies s join user_strategy_versions v "
            + "on v.strategy_id = s.id and v.version = s.version where s.user_id = :userId order by s.name")
    List<UserStrategyRow> list(@Bind("userId") UUID userId);

    @SqlUpdate("delete from user_strategies where id = :id and user_id = :userId")
    int delete(@Bind("id") UUID id, @Bind("userId") UUID userId);
}
