package app.tradebot.auth;

import java.time.Instant;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

/**
 * The writes of {@code users.sessions_not_before}, each in one transaction with its Redis mirror
 * ({@link RedisRevokedTokens}): the mirror is set after the update and before the commit, so the
 * authorizer, which reads only the mirror while it exists, never sees the old time once the new one is
 * committed, and a mirror that cannot be written leaves the row as it was.
 */
class UserSessions {

    private final Jdbi jdbi;
    private final RedisRevokedTokens mirror;

    UserSessions(Jdbi jdbi, RedisRevokedTokens mirror) {
        this.jdbi = jdbi;
        this.mirror = mirror;
    }

    /** False when there is no such user. */
    boolean signOutEverywhere(UUID userId, Instant at) {
        return jdbi.inTransaction(handle -> {
            if (handle.attach(UserDao.class).signOutEverywhere(userId, at) == 0) {
                return false;
            }
            mirror.sessionsEnd(userId, at);
            return true;
        });
    }

    /** False when the password hash is no longer {@code oldHash} (or there is no such user). */
    boolean changePassword(UUID userId, String oldHash, String newHash, Instant at) {
        return jdbi.inTransaction(handle -> {
            if (handle.attach(UserDao.class).changePassword(userId, oldHash, newHash, at) == 0) {
                return false;
            }
            mirror.sessionsEnd(userId, at);
            return true;
        });
    }
}
