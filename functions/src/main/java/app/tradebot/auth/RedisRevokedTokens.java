package app.tradebot.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Revocations in Redis: single tokens ({@code auth:revoked:<jti>}, expiring with the token they revoke)
 * and whole sessions, a mirror of {@code users.sessions_not_before} ({@code auth:sessions-not-before:<user
 * id>}), so that the authorizer learns both in one round trip instead of a query of {@code users} per
 * request.
 * <p>
 * PostgreSQL stays the record; the mirror is correct because of who writes it and how:
 * <ul>
 * <li>a change of {@code sessions_not_before} sets the mirror <em>inside</em> its transaction, after the
 * update and before the commit ({@link UserSessions}): from then on every replica refuses the old tokens,
 * and a mirror that cannot be written rolls the change back instead of leaving Redis behind;</li>
 * <li>a lookup that finds no mirror reads the row and fills the mirror only if it is still empty
 * ({@code SET NX}), so a read that raced a change cannot overwrite the change's value;</li>
 * <li>both live one token lifetime plus a second: when the value a change wrote expires, every token
 * issued before it has expired too, and the next lookup reads the row again.</li>
 * </ul>
 * The row changed by hand in SQL is seen only when its mirror expires or is deleted.
 */
class RedisRevokedTokens implements RevokedTokens, AccessTokens.Standing {

    static final String PREFIX = "auth:revoked:";
    static final String SESSIONS_PREFIX = "auth:sessions-not-before:";
    // The mirror of a null sessions_not_before (every unexpired token is good).
    private static final String NONE = "-";

    private final StringRedisTemplate redis;
    private final AccessTokens.SessionsNotBefore rows;
    private final Duration mirrorLife;
    private final Clock clock;

    RedisRevokedTokens(StringRedisTemplate redis, AccessTokens.SessionsNotBefore rows, Duration tokenLifetime, Clock clock) {
        this.redis = redis;
        this.rows = rows;
        this.mirrorLife = tokenLifetime.plusSeconds(1);
        this.clock = clock;
    }

    @Override
    public void revoke(String tokenId, Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
            return;
        }
        // A second more than the token's life, so it cannot outlive its revocation by rounding.
        redis.opsForValue().set(PREFIX + tokenId, "1", left.plusSeconds(1));
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return Boolean.TRUE.equals(redis.hasKey(PREFIX + tokenId));
    }

    @Override
    public AccessTokens.TokenStanding of(String tokenId, UUID userId) {
        String sessionsKey = SESSIONS_PREFIX + userId;
        List<String> values = redis.opsForValue().multiGet(Arrays.asList(PREFIX + tokenId, sessionsKey));
        if (values == null || values.size() != 2) {
            throw new IllegalStateException("Redis answered MGET with " + values);
        }
        if (values.get(0) != null) {
            return AccessTokens.TokenStanding.REVOKED;
        }
        String mirrored = values.get(1);
        if (mirrored != null) {
            return new AccessTokens.TokenStanding(false, decode(mirrored));
        }
        Instant notBefore = rows.of(userId).orElse(null);
        redis.opsForValue().setIfAbsent(sessionsKey, encode(notBefore), mirrorLife);
        return new AccessTokens.TokenStanding(false, notBefore);
    }

    /** The user's sessions end at {@code at}: called inside the transaction that writes it to {@code users}. */
    void sessionsEnd(UUID userId, Instant at) {
        redis.opsForValue().set(SESSIONS_PREFIX + userId, encode(at), mirrorLife);
    }

    // Seconds and nanoseconds, exactly: the check compares to the nanosecond.
    private static String encode(Instant at) {
        return at == null ? NONE : at.getEpochSecond() + ":" + at.getNano();
    }

    private static Instant decode(String value) {
        if (NONE.equals(value)) {
            return null;
        }
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new IllegalStateException("Not a sessions-not-before mirror: " + value);
        }
        return Instant.ofEpochSecond(Long.parseLong(value, 0, colon, 10), Integer.parseInt(value, colon + 1, value.length(), 10));
    }
}
