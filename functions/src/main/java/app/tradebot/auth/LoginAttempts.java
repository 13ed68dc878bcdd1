package app.tradebot.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import app.tradebot.platform.http.TooManyRequests;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Failed sign-ins per email and client IP, counted in Redis for a window that starts with the first
 * failure. After {@value #MAX_FAILURES} failures the next attempts are refused with 429 until the
 * window ends, whatever the password. A success forgets the failures of that email from that IP only.
 */
class LoginAttempts {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final String PREFIX = "auth:login-failures:";

    // Atomic, so that a counter is never left without its expiry.
    private static final RedisScript<Long> COUNT_FAILURE = RedisScript.of("""
            local failures = redis.call('INCR', KEYS[1])
            if failures == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return failures
            """, Long.class);

    private final StringRedisTemplate redis;

    LoginAttempts(StringRedisTemplate redis) {
        this.redis = redis;
    }

    void checkAllowed(String email, String clientIp) {
        String key = key(email, clientIp);
        String failures = redis.opsForValue().get(key);
        if (failures != null && Long.parseLong(failures) >= MAX_FAILURES) {
            Long ttl = redis.getExpire(key, TimeUnit.SECONDS);
            long retryAfter = ttl == null || ttl <= 0 ? WINDOW.toSeconds() : ttl;
            throw new TooManyRequests("Too many failed sign-ins; try again later.", retryAfter);
        }
    }

    void recordFailure(String email, String clientIp) {
        redis.execute(COUNT_FAILURE, List.of(key(email, clientIp)), Long.toString(WINDOW.toSeconds()));
    }

    void forget(String email, String clientIp) {
        redis.delete(key(email, clientIp));
    }

    /** Hashed so that keys hold no email address and no odd characters. */
    static String key(String email, String clientIp) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((email + "\n" + clientIp).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
