package app.tradebot.platform.messaging;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The outbox table: messages written in their caller's transaction, waiting for the relay.
 *
 * <p>The statements of every publish (a caller's row, the immediate send's lock and delete) are also run as
 * plain statements from their SQL here ({@link OutboxStatements}): attaching this DAO builds a handler for each
 * of its methods, which cost more than the statements themselves on that path.
 */
@RegisterConstructorMapper(OutboxMessage.class)
interface OutboxDao {

    String INSERT = """
            insert into outbox (function, payload, headers, created_at, next_attempt_at)
            values (:function, :payload, cast(:headers as jsonb), :now, :now)
            """;
    String INSERT_EACH = """
            insert into outbox (function, payload, headers, created_at, next_attempt_at)
            select function, payload, cast(headers as jsonb), :now, :now
            from unnest(cast(:functions as text[]), cast(:payloads as text[]), cast(:headers as text[]))
                with ordinality as m(function, payload, headers, n)
            order by n
            returning id
            """;
    String LOCK_ALL = """
            select id, function, payload, headers::text as headers, attempts from outbox
            where id = any(:ids) order by id for update skip locked
            """;
    String COMMIT_WITHOUT_FLUSH = "set local synchronous_commit = off";
    String DELETE_ALL = "delete from outbox where id = any(:ids)";

    @SqlUpdate(INSERT)
    @GetGeneratedKeys("id")
    long insert(@Bind("function") String function, @Bind("payload") String payload, @Bind("headers") String headers,
            @Bind("now") Instant now);

    /** Many messages for one function in one statement; their ids, in the order of {@code payloads}. */
    @SqlQuery("""
            insert into outbox (function, payload, headers, created_at, next_attempt_at)
            select :function, payload, cast(:headers as jsonb), :now, :now
            from unnest(cast(:payloads as text[])) with ordinality as p(payload, n) order by n
            returning id
            """)
    List<Long> insertAll(@Bind("function") String function, @Bind("payloads") String[] payloads,
            @Bind("headers") String headers, @Bind("now") Instant now);

    /**
     * Messages for any functions in one statement (concurrent callers' rows, {@code GroupCommit}); their ids,
     * in the order given.
     */
    @SqlQuery(INSERT_EACH)
    List<Long> insertEach(@Bind("functions") String[] functions, @Bind("payloads") String[] payloads,
            @Bind("headers") String[] headers, @Bind("now") Instant now);

    /** The rows of these ids no other relay holds, locked until the transaction ends. */
    @SqlQuery(LOCK_ALL)
    List<OutboxMessage> lockAll(@Bind("ids") long[] ids);

    /**
     * The transaction's commit returns before its WAL is flushed: only a crash of PostgreSQL can lose what it
     * wrote (a delete of a confirmed row, whose message is then sent again).
     */
    @SqlUpdate(COMMIT_WITHOUT_FLUSH)
    void commitWithoutFlush();

    @SqlUpdate(DELETE_ALL)
    int deleteAll(@Bind("ids") long[] ids);

    /** The oldest due rows no other relay holds, locked until the transaction ends. */
    @SqlQuery("""
            select id, function, payload, headers::text as headers, attempts from outbox
            where next_attempt_at <= :now order by id limit :limit for update skip locked
            """)
    List<OutboxMessage> lockDue(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlUpdate("""
            update outbox set attempts = attempts + 1, next_attempt_at = :next, last_error = left(:error, 1000)
            where id = :id
            """)
    int failed(@Bind("id") long id, @Bind("error") String error, @Bind("next") Instant next);

    @SqlQuery("select count(*) from outbox")
    long pending();
}
