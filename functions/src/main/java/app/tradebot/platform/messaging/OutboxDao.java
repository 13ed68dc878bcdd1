package app.tradebot.platform.messaging;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The outbox table: messages written in their caller's transaction, waiting for the relay.
 *
 * <p>The statements of every publish (a caller's row, the immediate send's lock and delete) and the relay's
 * commit without a flush are plain statements in {@link OutboxStatements}: attaching this DAO builds a handler
 * for each of its methods, which cost more than the statements themselves on that path.
 */
@RegisterConstructorMapper(OutboxMessage.class)
interface OutboxDao {

    /** Many messages for one function in one statement; their ids, in the order of {@code payloads}. */
    @SqlQuery("""
            insert into outbox (function, payload, headers, created_at, next_attempt_at)
            select :function, payload, cast(:headers as jsonb), :now, :now
            from unnest(cast(:payloads as text[])) with ordinality as p(payload, n) order by n
            returning id
            """)
    List<Long> insertAll(@Bind("function") String function, @Bind("payloads") String[] payloads,
            @Bind("headers") String headers, @Bind("now") Instant now);

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
