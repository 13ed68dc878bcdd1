package app.tradebot.platform.messaging;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The statements every publish runs (a caller's row; the immediate send's lock and delete), as plain
 * statements on {@link OutboxDao}'s SQL. {@code Handle.attach(OutboxDao.class)} builds a handler for each of
 * the DAO's methods at every attach: on this path that cost more than the statements themselves (a quarter
 * of a publishing process's CPU). The relay's rarer statements stay on the DAO.
 */
final class OutboxStatements {

    // Mappers of their own: a constructor mapper (or mapTo) looks up and specializes a mapper for each result.
    private static final RowMapper<Long> ID = (rs, ctx) -> rs.getLong(1);
    private static final RowMapper<OutboxMessage> MESSAGE = (rs, ctx) -> new OutboxMessage(rs.getLong("id"),
            rs.getString("function"), rs.getString("payload"), rs.getString("headers"), rs.getInt("attempts"));

    private OutboxStatements() {
    }

    /** {@link OutboxDao#insert}. */
    static long insert(Handle handle, String function, String payload, String headers, Instant now) {
        return handle.createUpdate(OutboxDao.INSERT)
                .bind("function", function).bind("payload", payload).bind("headers", headers).bind("now", now)
                .executeAndReturnGeneratedKeys("id").map(ID).one();
    }

    /** {@link OutboxDao#insertEach}. */
    static List<Long> insertEach(Handle handle, String[] functions, String[] payloads, String[] headers, Instant now) {
        return handle.createQuery(OutboxDao.INSERT_EACH)
                .bind("functions", functions).bind("payloads", payloads).bind("headers", headers).bind("now", now)
                .map(ID).list();
    }

    /** {@link OutboxDao#commitWithoutFlush}. */
    static void commitWithoutFlush(Handle handle) {
        handle.execute(OutboxDao.COMMIT_WITHOUT_FLUSH);
    }

    /** {@link OutboxDao#lockAll}. */
    static List<OutboxMessage> lockAll(Handle handle, long[] ids) {
        return handle.createQuery(OutboxDao.LOCK_ALL).bind("ids", ids).map(MESSAGE).list();
    }

    /** {@link OutboxDao#deleteAll}. */
    static int deleteAll(Handle handle, long[] ids) {
        return handle.createUpdate(OutboxDao.DELETE_ALL).bind("ids", ids).execute();
    }
}
