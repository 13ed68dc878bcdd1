package app.tradebot.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import app.tradebot.platform.http.TooManyRequests;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Sign-in attempts, counted in Redis twice: per account (the email, from whatever address) and per
 * client address (across every email it tries). An attempt is counted before its password is
 * checked, in one script, so parallel guesses cannot slip between the check and the count; a
 * success takes its own attempt back and forgets the account's failures.
 * <ul>
 * <li>An account may fail {@value #MAX_ACCOUNT_FAILURES} times; after that each further attempt
 * waits a delay that starts at {@link #FIRST_DELAY} after the latest failure and doubles with every
 * failure, up to {@link #LONGEST_DELAY}. Failures are remembered for {@link #ACCOUNT_MEMORY}.</li>
 * <li>An address may fail {@value #MAX_ADDRESS_FAILURES} times in a {@link #ADDRESS_WINDOW} that
 * starts with its first failure.</li>
 * </ul>
 */
class LoginAttempts {

    static final int MAX_ACCOUNT_FAILURES = 5;
    static final Duration FIRST_DELAY = Duration.ofMinutes(1);
    static final Duration LONGEST_DELAY = Duration.ofHours(1);
    static final Duration ACCOUNT_MEMORY = Duration.ofDays(1);
    static final int MAX_ADDRESS_FAILURES = 20;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
    static final String PREFIX = "auth:login-attempts:";

    /** {0} to go on; {1, wait ms} when the account waits; {2, wait ms} when the address does. */
    private static final RedisScript<List> BEGIN = RedisScript.of("""
            local now = tonumber(ARGV[1])
            local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
            local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
            local maxAccount = tonumber(ARGV[2])
            if failures >= maxAccount then
              local delay = math.min(tonumber(ARGV[3]) * (2 ^ (failures - maxAccount)), tonumber(ARGV[4]))
              if now < last + delay then
                return {1, last + delay - now}
              end
            end
            local address = tonumber(redis.call('GET', KEYS[2]) or '0')
            if address >= tonumber(ARGV[5]) then
              return {2, redis.call('PTTL', KEYS[2])}
            end
            redis.call('HSET', KEYS[1], 'failures', failures + 1, 'last', now)
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            if redis.call('INCR', KEYS[2]) == 1 then
              redis.call('PEXPIRE', KEYS[2], ARGV[7])
            end
            return {0}
            """, List.class);

    private static final RedisScript<Long> SUCCEEDED = RedisScript.of("""
            redis.call('DEL', KEYS[1])
            local address = tonumber(redis.call('GET', KEYS[2]) or '0')
            if address > 0 then
              redis.call('DECR', KEYS[2])
            end
            return address
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;

    LoginAttempts(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Counts an attempt as a failure until {@link #succeeded} says otherwise; throws 429 instead when
     * the account or the address must wait.
     */
    void begin(String email, String clientAddress) {
        List<?> verdict = redis.execute(BEGIN, List.of(accountKey(email), addressKey(clientAddress)),
                Long.toString(clock.millis()), Integer.toString(MAX_ACCOUNT_FAILURES), Long.toString(FIRST_DELAY.toMillis()),
                Long.toString(LONGEST_DELAY.toMillis()), Integer.toString(MAX_ADDRESS_FAILURES),
                Long.toString(ACCOUNT_MEMORY.toMillis()), Long.toString(ADDRESS_WINDOW.toMillis()));
        long outcome = ((Number) verdict.get(0)).longValue();
        if (outcome != 0) {
            long waitMillis = ((Number) verdict.get(1)).longValue();
            long seconds = waitMillis <= 0 ? ADDRESS_WINDOW.toSeconds() : (waitMillis + 999) / 1000;
            throw new TooManyRequests("Too many failed sign-ins; try again later.", seconds);
        }
    }

    /** The attempt was right: it was no failure, and the account starts afresh. */
    void succeeded(String email, String clientAddress) {
        redis.execute(SUCCEEDED, List.of(accountKey(email), addressKey(clientAddress)));
    }

    /** Hashed so that keys hold no email address and no odd characters. */
    static String accountKey(String email) {
        return PREFIX + "account:" + sha256(email);
    }

    static String addressKey(String clientAddress) {
        return PREFIX + "address:" + sha256(clientAddress);
    }

    private static String sha256(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
