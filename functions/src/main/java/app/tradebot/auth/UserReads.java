package app.tradebot.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * The reads of {@code users} that every authorised request makes: {@code me}'s row and, when Redis has
 * no mirror of it, the authorizer's sessions-not-before. One prepared statement each, straight on the
 * pool through {@link JdbcTemplate}, which joins a Spring-managed transaction as jdbi does. Through jdbi
 * (its handle, statement and result set set-up, and Spring's {@code TransactionAwareDataSourceProxy},
 * which answers every connection method by reflection) the driver's own work was a third of the read's
 * cost in the gateway's profile (BENCHMARKS.md, {@code GET /api/auth/me}).
 */
final class UserReads {

    private static final ResultSetExtractor<Optional<User>> USER = rs -> rs.next()
            ? Optional.of(new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
                    instant(rs, "created_at"), instant(rs, "sessions_not_before")))
            : Optional.empty();
    private static final ResultSetExtractor<Optional<Instant>> NOT_BEFORE = rs -> rs.next()
            ? Optional.of(instant(rs, "sessions_not_before"))
            : Optional.empty();

    private final JdbcTemplate jdbc;

    /** {@code dataSource}: the pool itself, not a transaction-aware proxy of it. */
    UserReads(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    Optional<User> findById(UUID id) {
        return jdbc.query("select id, email, password_hash, created_at, sessions_not_before from users where id = ?",
                USER, id);
    }

    /** Empty when the user signed out everywhere never, or does not exist. */
    Optional<Instant> findSessionsNotBefore(UUID id) {
        return jdbc.query("select sessions_not_before from users where id = ? and sessions_not_before is not null",
                NOT_BEFORE, id);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
