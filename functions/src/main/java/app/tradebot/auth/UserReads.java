package app.tradebot.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The reads of {@code users} that every authorised request makes: the authorizer's sessions-not-before
 * check and the user's row. They go through jdbi's fluent API with mappers made once. As SqlObject
 * methods of {@link UserDao}, every call attached the DAO, applied its annotations to a fresh
 * configuration and looked up its mappers again: eight times the cost of the query itself in the
 * gateway's profile (BENCHMARKS.md, {@code GET /api/auth/me}).
 */
final class UserReads {

    private static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getObject("id", UUID.class),
            rs.getString("email"), rs.getString("password_hash"), instant(rs, "created_at"),
            instant(rs, "sessions_not_before"));
    private static final RowMapper<Instant> NOT_BEFORE = (rs, ctx) -> instant(rs, "sessions_not_before");

    private final Jdbi jdbi;

    UserReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<User> findById(UUID id) {
        return jdbi.withHandle(handle -> handle
                .createQuery("select id, email, password_hash, created_at, sessions_not_before from users where id = :id")
                .bind("id", id)
                .map(USER)
                .findOne());
    }

    /** Empty when the user signed out everywhere never, or does not exist. */
    Optional<Instant> findSessionsNotBefore(UUID id) {
        return jdbi.withHandle(handle -> handle
                .createQuery("select sessions_not_before from users where id = :id and sessions_not_before is not null")
                .bind("id", id)
                .map(NOT_BEFORE)
                .findOne());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
