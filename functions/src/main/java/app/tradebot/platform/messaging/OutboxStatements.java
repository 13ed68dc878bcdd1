package app.tradebot.platform.messaging;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The statements every publish runs (a caller's row; the immediate send's lock and delete), and the relay's
 * commit without a flush, as plain statements. {@code Handle.attach(OutboxDao.class)} builds a handler for
 * each of the DAO's methods at every attach: on this path that cost more than the statements themselves (a
 * quarter of a publishing process's CPU). The relay's rarer statements stay on {@link OutboxDao}.
 */
final class OutboxStatements {

    private static final String INSERT = """
            insert into outbox (function, payload, headers, created_at, next_attempt_at)
            values (:function, :payload, cast(:headers as jsonb), :now, :due)
            """;
    private static final String INSERT_EACH = """
            insert into outbox (function, payload, headers, created_at, next_attempt_at)
            select function, payload, cast(headers as jsonb), :now, :due
            from unnest(cast(:functions as text[]), cast(:payloads as text[]), cast(:headers as text[]))
                with ordinality as m(function, payload, headers, n)
            order by n
            returning id
            """;
    private static final String LOCK_ALL = """
            select id, function, payload, headers::text as headers, attempts from outbox
            where id = any(:ids) order by id for update skip locked
            """;
    private static final String COMMIT_WITHOUT_FLUSH = "set local synchronous_commit = off";
    private static final String DELETE_ALL = "delete from outbox where id = any(:ids)";

    // Mappers of their own: a constructor mapper (or mapTo) looks up and specializes a mapper for each result.
    private static final RowMapper<Long> ID = (rs, ctx) -> rs.getLong(1);
    private static final RowMapper<OutboxMessage> MESSAGE = (rs, ctx) -> new OutboxMessage(rs.getLong("id"),
            rs.getString("function"), rs.getString("payload"), rs.getString("headers"), rs.getInt("attempts"));

    private OutboxStatements() {
    }

    /** One message, due for the relay at once; its id. */
    static long insert(Handle handle, String function, String payload, String headers, Instant now) {
        return insert(handle, function, payload, headers, now, now);
    }

    /** One message, due for the relay at {@code due}; its id. */
    static long insert(Handle handle, String function, String payload, String headers, Instant now, Instant due) {
        return handle.createUpdate(INSERT)
                .bind("function", function).bind("payload", payload).bind("headers", headers).bind("now", now)
                .bind("due", due)
                .executeAndReturnGeneratedKeys("id").map(ID).one();
    }

    /**
     * Messages for any functions in one statement (concurrent callers' rows, {@code GroupCommit}), due for the
     * relay at {@code due}; their ids, in the order given.
     */
    static List<Long> insertEach(Handle handle, String[] functions, String[] payloads, String[] headers, Instant now,
            Instant due) {
        return handle.createQuery(INSERT_EACH)
                .bind("functions", functions).bind("payloads", payloads).bind("headers", headers).bind("now", now)
                .bind("due", due)
                .map(ID).list();
    }

    /**
     * The transaction's commit returns before its WAL is flushed: only a crash of PostgreSQL can lose what it
     * wrote (a delete of a confirmed row, whose message is then sent again).
     */
    static void commitWithoutFlush(Handle handle) {
        handle.execute(COMMIT_WITHOUT_FLUSH);
    }

    /** The rows of these ids no other relay holds, locked until the transaction ends. */
    static List<OutboxMessage> lockAll(Handle handle, long[] ids) {
        return handle.createQuery(LOCK_ALL).bind("ids", ids).map(MESSAGE).list();
    }

    static int deleteAll(Handle handle, long[] ids) {
        return handle.createUpdate(DELETE_ALL).bind("ids", ids).execute();
    }
}
