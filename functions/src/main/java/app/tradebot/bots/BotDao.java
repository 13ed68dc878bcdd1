package app.tradebot.bots;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The bots table. Every change of status is conditional, so two requests racing (a start and a delete,
 * a stop and the runner stopping the bot itself) cannot both win.
 */
@RegisterConstructorMapper(Bot.class)
interface BotDao {

    String COLUMNS = """
            id, user_id, account_id, name, symbol, interval, strategy, params::text as params, sizing_type, sizing_value,
            risk::text as risk, replay_from, replay_to, status, last_candle, last_error, started_at, stopped_at,
            created_at, updated_at""";

    @SqlQuery("""
            insert into bots (id, user_id, account_id, name, symbol, interval, strategy, params, sizing_type, sizing_value,
                              risk, replay_from, replay_to)
            values (:id, :userId, :accountId, :name, :symbol, :interval, :strategy, cast(:params as jsonb), :sizingType,
                    :sizingValue, cast(:risk as jsonb), :replayFrom, :replayTo)
            returning\s""" + COLUMNS)
    Bot insert(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("accountId") UUID accountId,
            @Bind("name") String name, @Bind("symbol") String symbol, @Bind("interval") String interval,
            @Bind("strategy") String strategy, @Bind("params") String params,
            @Bind("sizingType") BotSizing.Type sizingType, @Bind("sizingValue") BigDecimal sizingValue,
            @Bind("risk") String risk, @Bind("replayFrom") Instant replayFrom, @Bind("replayTo") Instant replayTo);

    @SqlQuery("select " + COLUMNS + " from bots where id = :id and user_id = :userId")
    Optional<Bot> find(@Bind("id") UUID id, @Bind("userId") UUID userId);

    @SqlQuery("select " + COLUMNS + " from bots where id = :id")
    Optional<Bot> findById(@Bind("id") UUID id);

    /** All the user's bots, oldest first: what the kill switch and the portfolio go through. */
    @SqlQuery("select " + COLUMNS + " from bots where user_id = :userId order by created_at, id")
    List<Bot> ofUser(@Bind("userId") UUID userId);

    /** The user's bots, newest first, after the cursor's (created_at, id). */
    @SqlQuery("""
            select\s""" + COLUMNS + """
             from bots where user_id = :userId
              and (cast(:afterCreated as timestamptz) is null or (created_at, id) < (:afterCreated, :afterId))
            order by created_at desc, id desc limit :limit
            """)
    List<Bot> list(@Bind("userId") UUID userId, @Bind("afterCreated") Instant afterCreated, @Bind("afterId") UUID afterId,
            @Bind("limit") int limit);

    /** The bots trading on an exchange account, whatever their status: their losses count against its limit. */
    @SqlQuery("select " + COLUMNS + " from bots where account_id = :accountId order by created_at, id")
    List<Bot> ofAccount(@Bind("accountId") UUID accountId);

    @SqlQuery("select count(*) from bots where user_id = :userId and status = 'running'")
    long countRunning(@Bind("userId") UUID userId);

    /** The running bots and their cursors. */
    @SqlQuery("""
            select id, user_id, interval, last_candle, replay_from is not null as replay from bots
            where status = 'running' order by id
            """)
    @RegisterConstructorMapper(RunningBot.class)
    List<RunningBot> running();

    record RunningBot(UUID id, UUID userId, String interval, Instant lastCandle, boolean replay) {
    }

    @SqlQuery("""
            update bots set name = :name, strategy = :strategy, params = cast(:params as jsonb), sizing_type = :sizingType,
                   sizing_value = :sizingValue, risk = cast(:risk as jsonb), updated_at = now()
            where id = :id and user_id = :userId and status = 'stopped'
            returning\s""" + COLUMNS)
    Optional<Bot> update(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("name") String name,
            @Bind("strategy") String strategy, @Bind("params") String params, @Bind("sizingType") BotSizing.Type sizingType,
            @Bind("sizingValue") BigDecimal sizingValue, @Bind("risk") String risk);

    /** A replay starts from its range again: its cursor is cleared. */
    @SqlQuery("""
            update bots set status = 'running', started_at = :at, stopped_at = null, last_error = null,
                   last_candle = case when replay_from is null then last_candle else null end, updated_at = now()
            where id = :id and user_id = :userId and status = 'stopped'
            returning\s""" + COLUMNS)
    Optional<Bot> start(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("at") Instant at);

    /** Stops a running bot; {@code error} (null for a stop by its user) says why it stopped itself. */
    @SqlUpdate("""
            update bots set status = 'stopped', stopped_at = :at, last_error = :error, updated_at = now()
            where id = :id and status = 'running'
            """)
    int stop(@Bind("id") UUID id, @Bind("at") Instant at, @Bind("error") String error);

    @SqlUpdate("update bots set last_error = :error, updated_at = now() where id = :id")
    int lastError(@Bind("id") UUID id, @Bind("error") String error);

    /** Whether any bot, running or not, is configured with this user strategy (any version). */
    @SqlQuery("select exists (select 1 from bots where user_strategy_id = :strategyId)")
    boolean usesStrategy(@Bind("strategyId") UUID strategyId);

    @SqlUpdate("delete from bots where id = :id and user_id = :userId and status = 'stopped'")
    int delete(@Bind("id") UUID id, @Bind("userId") UUID userId);
}
