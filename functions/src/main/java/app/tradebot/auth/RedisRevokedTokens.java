package app.tradebot.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.data.redis.core.StringRedisTemplate;

/** {@code auth:revoked:<jti>} keys that expire with the token they revoke. */
class RedisRevokedTokens implements RevokedTokens {

    static final String PREFIX = "auth:revoked:";

    private final StringRedisTemplate redis;
    private final Clock clock;

    RedisRevokedTokens(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
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
}
