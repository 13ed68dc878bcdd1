package app.tradebot.market;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(CandleUploadRow.class)
interface CandleUploadDao {

    @SqlUpdate("""
            insert into candle_uploads (id, user_id, symbol, interval, object_key, status, created_at, expires_at, updated_at)
            values (:id, :userId, :symbol, :interval, :objectKey, :status, :createdAt, :expiresAt, :createdAt)
            """)
    void insert(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("symbol") String symbol,
            @Bind("interval") String interval, @Bind("objectKey") String objectKey, @Bind("status") CandleUploadStatus status,
            @Bind("createdAt") Instant createdAt, @Bind("expiresAt") Instant expiresAt);

    @SqlQuery("""
            select id, user_id, symbol, interval, object_key, status, result::text, errors::text, created_at, expires_at
            from candle_uploads where id = :id
            """)
    Optional<CandleUploadRow> find(@Bind("id") UUID id);

    @SqlQuery("""
            select id, user_id, symbol, interval, object_key, status, result::text, errors::text, created_at, expires_at
            from candle_uploads where id = :id and user_id = :userId
            """)
    Optional<CandleUploadRow> find(@Bind("id") UUID id, @Bind("userId") UUID userId);

    /** AWAITING_UPLOAD to QUEUED, once: false when another call queued it first (or it moved on). */
    @SqlUpdate("""
            update candle_uploads set status = 'QUEUED', updated_at = :now
            where id = :id and user_id = :userId and status = 'AWAITING_UPLOAD'
            """)
    boolean queue(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("now") Instant now);

    /** QUEUED to IMPORTED or FAILED, once: a redelivered task finds it finished and does nothing. */
    @SqlUpdate("""
            update candle_uploads set status = :status, result = cast(:result as jsonb), errors = cast(:errors as jsonb),
            updated_at = :now where id = :id and status = 'QUEUED'
            """)
    boolean finish(@Bind("id") UUID id, @Bind("status") CandleUploadStatus status, @Bind("result") String result,
            @Bind("errors") String errors, @Bind("now") Instant now);
}
