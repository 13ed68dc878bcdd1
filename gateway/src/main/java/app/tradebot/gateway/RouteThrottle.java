package app.tradebot.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import app.tradebot.runtime.Template.Throttle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * API Gateway's route throttling: a token bucket per route key (burst = ThrottlingBurstLimit,
 * refill = ThrottlingRateLimit per second), shared by every client and every gateway replica, kept
 * in Redis by one atomic script.
 *
 * <p>When Redis cannot be reached the gateway lets requests through (fail open) and warns once per
 * outage: this throttle protects capacity, not accounts, so losing it for a while is better than
 * turning a cache outage into a total one. Login brute-force protection does not depend on it; the
 * login function keeps its own guard.
 */
final class RouteThrottle {

    static final String KEY_PREFIX = "tradebot:gateway:throttle:";

    private static final Logger log = LoggerFactory.getLogger(RouteThrottle.class);

    private final StringRedisTemplate redis;
    private final TokenBucketScript script;
    private final AtomicBoolean redisDown = new AtomicBoolean();

    RouteThrottle(StringRedisTemplate redis) {
        this(redis, TokenBucketScript.load());
    }

    RouteThrottle(StringRedisTemplate redis, TokenBucketScript script) {
        this.redis = redis;
        this.script = script;
    }

    /** Takes a token for the route; the answer says whether the request may go on, and if not when to retry. */
    Verdict take(String routeKey, Throttle throttle) {
        if (!throttle.limited()) {
            return Verdict.ALLOWED;
        }
        List<?> result;
        try {
            byte[][] keyAndArgs = { bytes(KEY_PREFIX + routeKey), bytes(Integer.toString(throttle.burstLimit())),
                    bytes(Double.toString(throttle.rateLimit())) };
            // Straight on the connection: RedisTemplate's script executor wrapped it in a reflective proxy
            // made anew for every call, and that was most of the throttle's cost in the gateway's profile.
            result = redis.execute((RedisCallback<List<?>>) connection -> script.run(connection, keyAndArgs), true);
        }
        catch (RuntimeException e) {
            if (redisDown.compareAndSet(false, true)) {
                log.warn("Route throttling is off until Redis answers again: {}", e.toString());
            }
            return Verdict.ALLOWED;
        }
        if (redisDown.compareAndSet(true, false)) {
            log.info("Redis answers again; route throttling is back on");
        }
        if (result == null || result.size() < 2) {
            return Verdict.ALLOWED;
        }
        boolean allowed = ((Number) result.get(0)).longValue() == 1;
        if (allowed) {
            return Verdict.ALLOWED;
        }
        long waitMillis = ((Number) result.get(1)).longValue();
        return new Verdict(false, Math.max(1, (waitMillis + 999) / 1000));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The script, read and hashed once. Spring's own script objects take a lock on every call to learn
     * their SHA-1 (and one made from a resource asks the jar whether it changed): one lock that every
     * request of the gateway queued for.
     */
    record TokenBucketScript(String text, String sha1) {

        static TokenBucketScript load() {
            return of(source());
        }

        static String source() {
            try {
                return new ClassPathResource("app/tradebot/gateway/token-bucket.lua").getContentAsString(StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new UncheckedIOException("The token bucket script is missing from the classpath", e);
            }
        }

        static TokenBucketScript of(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new TokenBucketScript(text, HexFormat.of().formatHex(digest));
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JVM has SHA-1", e);
            }
        }

        /** EVALSHA, and EVAL when Redis does not know the script yet (a restart, SCRIPT FLUSH), as Spring's executor does. */
        List<?> run(RedisConnection connection, byte[][] keyAndArgs) {
            try {
                return connection.scriptingCommands().evalSha(sha1, ReturnType.MULTI, 1, keyAndArgs);
            }
            catch (RuntimeException e) {
                if (!isNoScript(e)) {
                    throw e;
                }
                return connection.scriptingCommands().eval(bytes(text), ReturnType.MULTI, 1, keyAndArgs);
            }
        }

        private static boolean isNoScript(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code retryAfterSeconds} is at least 1 when the request is refused. */
    record Verdict(boolean allowed, long retryAfterSeconds) {

        static final Verdict ALLOWED = new Verdict(true, 0);
    }
}
