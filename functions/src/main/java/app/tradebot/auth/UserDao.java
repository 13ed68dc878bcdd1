package app.tradebot.auth;

import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(User.class)
interface UserDao {

    /** Empty when the email is taken: the unique index decides, so two racing sign-ups cannot both win. */
    @SqlQuery("""
            insert into users (id, email, password_hash)
            values (:id, :email, :passwordHash)
            on conflict (email) do nothing
            returning id, email, password_hash, created_at
            """)
    Optional<User> insert(@Bind("id") UUID id, @Bind("email") String email, @Bind("passwordHash") String passwordHash);

    @SqlQuery("select id, email, password_hash, created_at from users where email = :email")
    Optional<User> findByEmail(@Bind("email") String email);

    @SqlQuery("select id, email, password_hash, created_at from users where id = :id")
    Optional<User> findById(@Bind("id") UUID id);
}
