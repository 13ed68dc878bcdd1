package app.tradebot.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The backtests and optimizations tables, which share one life cycle: {@code table} is one of
 * {@link #BACKTESTS} or {@link #OPTIMIZATIONS}, never user input. Every change of status is a
 * conditional update, so a cancelled, expired or finished job is never overwritten by a late worker.
 */
@RegisterConstructorMapper(JobRow.class)
interface JobDao {

    String BACKTESTS = "backtests";
    String OPTIMIZATIONS = "optimizations";

    String COLUMNS = """
            id, user_id, request::text as request, status, progress, error, result::text as result,
            created_at, started_at, finished_at, heartbeat_at, attempt""";

    @SqlUpdate("insert into <table> (id, user_id, request) values (:id, :userId, cast(:request as jsonb))")
    void insert(@Define("table") String table, @Bind("id") UUID id, @Bind("userId") UUID userId,
            @Bind("request") String request);

    @SqlQuery("select " + COLUMNS + " from <table> where id = :id and user_id = :userId")
    Optional<JobRow> find(@Define("table") String table, @Bind("id") UUID id, @Bind("userId") UUID userId);

    @SqlQuery("select count(*) from <table> where user_id = :userId and status in ('queued', 'running')")
    long countActive(@Define("table") String table, @Bind("userId") UUID userId);

    @SqlQuery("select " + COLUMNS + " from <table> where id = :id")
    Optional<JobRow> findById(@Define("table") String table, @Bind("id") UUID id);

    /** The newest first; {@code result} holds only the metrics. */
    @SqlQuery("""
            select id, user_id, request::text as request, status, progress, error,
                   (result -> 'metrics')::text as result, created_at, started_at, finished_at, heartbeat_at, attempt
            from <table> where user_id = :userId order by created_at desc, id limit :limit
            """)
    List<JobRow> list(@Define("table") String table, @Bind("userId") UUID userId, @Bind("limit") int limit);

    /** Takes a queued job for one run; empty when it is anything but queued (a redelivery, a cancel). */
    @SqlQuery("""
            update <table> set status = 'running', started_at = now(), heartbeat_at = now(), progress = 0,
                   attempt = attempt + 1
            where id = :id and status = 'queued'
            returning\s""" + COLUMNS)
    Optional<JobRow> claim(@Define("table") String table, @Bind("id") UUID id);

    /** 0 when the job is no longer running (cancelled, deleted, expired): the run must stop. */
    @SqlUpdate("update <table> set progress = :progress, heartbeat_at = now() where id = :id and status = 'running'")
    int progress(@Define("table") String table, @Bind("id") UUID id, @Bind("progress") int progress);

    @SqlUpdate("""
            update <table> set status = 'succeeded', progress = 100, result = cast(:result as jsonb), finished_at = now(),
                   heartbeat_at = now()
            where id = :id and status = 'running'
            """)
    int succeed(@Define("table") String table, @Bind("id") UUID id, @Bind("result") String result);

    @SqlUpdate("""
            update <table> set status = 'failed', error = :error, finished_at = now()
            where id = :id and status in ('queued', 'running')
            """)
    int fail(@Define("table") String table, @Bind("id") UUID id, @Bind("error") String error);

    @SqlUpdate("""
            update <table> set status = 'cancelled', finished_at = now()
            where id = :id and user_id = :userId and status in ('queued', 'running')
            """)
    int cancel(@Define("table") String table, @Bind("id") UUID id, @Bind("userId") UUID userId);

    @SqlUpdate("delete from <table> where id = :id and user_id = :userId")
    int delete(@Define("table") String table, @Bind("id") UUID id, @Bind("userId") UUID userId);

    /** Fails running jobs whose worker has not written a heartbeat since {@code staleBefore}. */
    @SqlQuery("""
            update <table> set status = 'failed', error = :error, finished_at = now()
            where status = 'running' and heartbeat_at < :staleBefore
            returning id
            """)
    List<UUID> expire(@Define("table") String table, @Bind("staleBefore") Instant staleBefore,
            @Bind("error") String error);
}
