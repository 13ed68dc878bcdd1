package app.tradebot.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import app.tradebot.runtime.Template.Throttle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

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
    private final RedisScript<List> script = RedisScript.of(new ClassPathResource("app/tradebot/gateway/token-bucket.lua"), List.class);
    private final AtomicBoolean redisDown = new AtomicBoolean();

    RouteThrottle(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Takes a token for the route; the answer says whether the request may go on, and if not when to retry. */
    Verdict take(String routeKey, Throttle throttle) {
        if (!throttle.limited()) {
            return Verdict.ALLOWED;
        }
        List<?> result;
        try {
            result = redis.execute(script, List.of(KEY_PREFIX + routeKey), Integer.toString(throttle.burstLimit()),
                    Double.toString(throttle.rateLimit()));
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

    /** {@code retryAfterSeconds} is at least 1 when the request is refused. */
    record Verdict(boolean allowed, long retryAfterSeconds) {

        static final Verdict ALLOWED = new Verdict(true, 0);
    }
}
