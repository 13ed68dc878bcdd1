package app.tradebot.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(User.class)
interface UserDao {

    /** Empty when the email is taken: the unique index decides, so two racing sign-ups cannot both win. */
    @SqlQuery("""
            insert into users (id, email, password_hash)
            values (:id, :email, :passwordHash)
            on conflict (email) do nothing
            returning id, email, password_hash, created_at, sessions_not_before
            """)
    Optional<User> insert(@Bind("id") UUID id, @Bind("email") String email, @Bind("passwordHash") String passwordHash);

    @SqlQuery("select id, email, password_hash, created_at, sessions_not_before from users where email = :email")
    Optional<User> findByEmail(@Bind("email") String email);

    @SqlUpdate("update users set sessions_not_before = :at where id = :id")
    int signOutEverywhere(@Bind("id") UUID id, @Bind("at") Instant at);

    /** Only over the hash that was checked: a password changed meanwhile is not overwritten. */
    @SqlUpdate("""
            update users set password_hash = :newHash
            where id = :id and password_hash = :oldHash
            """)
    int rehash(@Bind("id") UUID id, @Bind("oldHash") String oldHash, @Bind("newHash") String newHash);

    /** A new password that signs out every session issued before {@code at}; 0 when the old hash changed meanwhile. */
    @SqlUpdate("""
            update users set password_hash = :newHash, sessions_not_before = :at
            where id = :id and password_hash = :oldHash
            """)
    int changePassword(@Bind("id") UUID id, @Bind("oldHash") String oldHash, @Bind("newHash") String newHash,
            @Bind("at") Instant at);
}
