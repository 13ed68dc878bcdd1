package app.tradebot.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** notification_channels: a user's webhooks and Telegram chats. Every read and delete is scoped to the user. */
@RegisterConstructorMapper(Channel.class)
interface ChannelDao {

    String COLUMNS = "id, user_id, upper(kind) as kind, url, chat_id, secret_enc, secret_hint, events, created_at";

    @SqlUpdate("""
            insert into notification_channels (id, user_id, kind, url, chat_id, secret_enc, secret_hint, events, created_at)
            values (:id, :userId, lower(:kind), :url, :chatId, :secretEnc, :secretHint, :events, :createdAt)
            """)
    void insert(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("kind") ChannelKind kind, @Bind("url") String url,
            @Bind("chatId") String chatId, @Bind("secretEnc") String secretEnc, @Bind("secretHint") String secretHint,
            @Bind("events") String events, @Bind("createdAt") Instant createdAt);

    @SqlQuery("select " + COLUMNS + " from notification_channels where user_id = :userId and kind = lower(:kind)"
            + " order by created_at, id")
    List<Channel> list(@Bind("userId") UUID userId, @Bind("kind") ChannelKind kind);

    @SqlQuery("select count(*) from notification_channels where user_id = :userId and kind = lower(:kind)")
    long count(@Bind("userId") UUID userId, @Bind("kind") ChannelKind kind);

    @SqlQuery("select " + COLUMNS + " from notification_channels where id = :id and user_id = :userId and kind = lower(:kind)")
    Optional<Channel> find(@Bind("userId") UUID userId, @Bind("kind") ChannelKind kind, @Bind("id") UUID id);

    @SqlQuery("select " + COLUMNS + " from notification_channels where id = :id")
    Optional<Channel> findById(@Bind("id") UUID id);

    /** The user's channels that subscribed to {@code event}. */
    @SqlQuery("select " + COLUMNS + " from notification_channels"
            + " where user_id = :userId and :event = any(string_to_array(events, ','))")
    List<Channel> subscribed(@Bind("userId") UUID userId, @Bind("event") String event);

    @SqlUpdate("delete from notification_channels where id = :id and user_id = :userId and kind = lower(:kind)")
    int delete(@Bind("userId") UUID userId, @Bind("kind") ChannelKind kind, @Bind("id") UUID id);
}
