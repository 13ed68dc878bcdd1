package app.tradebot.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * notification_deliveries. Every change of status is conditional, so a redelivered task or a late
 * attempt never overwrites a newer state.
 */
@RegisterConstructorMapper(Delivery.class)
interface DeliveryDao {

    String COLUMNS = """
            id, channel_id, event_type, body, upper(status) as status, attempts, next_attempt_at, give_up_at,
            last_status_code, last_error, created_at, finished_at""";

    @SqlUpdate("""
            insert into notification_deliveries (id, channel_id, event_type, body, status, next_attempt_at, give_up_at, created_at)
            values (:id, :channelId, :eventType, :body, 'pending', :now, :giveUpAt, :now)
            """)
    void insert(@Bind("id") UUID id, @Bind("channelId") UUID channelId, @Bind("eventType") String eventType,
            @Bind("body") String body, @Bind("now") Instant now, @Bind("giveUpAt") Instant giveUpAt);

    /** Takes a pending delivery for one attempt, leased until {@code leaseUntil}; empty for anything else. */
    @SqlQuery("update notification_deliveries set status = 'sending', attempts = attempts + 1, next_attempt_at = :leaseUntil"
            + " where id = :id and status = 'pending' returning " + COLUMNS)
    Optional<Delivery> claim(@Bind("id") UUID id, @Bind("leaseUntil") Instant leaseUntil);

    @SqlQuery("select " + COLUMNS + " from notification_deliveries where id = :id")
    Optional<Delivery> find(@Bind("id") UUID id);

    @SqlUpdate("""
            update notification_deliveries set status = 'succeeded', last_status_code = :code, last_error = null,
                   finished_at = :now
            where id = :id and status = 'sending' and attempts = :attempts
            """)
    int succeed(@Bind("id") UUID id, @Bind("attempts") int attempts, @Bind("code") int code, @Bind("now") Instant now);

    @SqlUpdate("""
            update notification_deliveries set status = 'retrying', next_attempt_at = :nextAttemptAt,
                   last_status_code = :code, last_error = :error
            where id = :id and status = 'sending' and attempts = :attempts
            """)
    int retryAt(@Bind("id") UUID id, @Bind("attempts") int attempts, @Bind("code") Integer code,
            @Bind("error") String error, @Bind("nextAttemptAt") Instant nextAttemptAt);

    @SqlUpdate("""
            update notification_deliveries set status = 'failed', last_status_code = :code, last_error = :error,
                   finished_at = :now
            where id = :id and status = 'sending' and attempts = :attempts
            """)
    int fail(@Bind("id") UUID id, @Bind("attempts") int attempts, @Bind("code") Integer code,
            @Bind("error") String error, @Bind("now") Instant now);

    /**
     * Hands out again what is due: retries whose time has come and attempts whose lease ran out.
     * Skips rows another runner holds, so two runners never send one delivery twice.
     */
    @SqlQuery("""
            update notification_deliveries d set status = 'pending'
            from (select id from notification_deliveries
                  where status in ('retrying', 'sending') and next_attempt_at <= :now
                  order by next_attempt_at limit :limit for update skip locked) due
            where d.id = due.id
            returning d.id
            """)
    List<UUID> due(@Bind("now") Instant now, @Bind("limit") int limit);

    /** The channel's newest deliveries first. */
    @SqlQuery("select " + COLUMNS + " from notification_deliveries where channel_id = :channelId"
            + " order by created_at desc, id limit :limit")
    List<Delivery> recent(@Bind("channelId") UUID channelId, @Bind("limit") int limit);
}
