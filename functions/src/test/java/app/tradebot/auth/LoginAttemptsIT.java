package app.tradebot.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import app.tradebot.TestServices;
import app.tradebot.platform.http.TooManyRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The growing delay of {@link LoginAttempts}, on the real Redis with a clock the test moves. */
class LoginAttemptsIT {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private LettuceConnectionFactory connections;
    private StringRedisTemplate redis;
    private LoginAttempts attempts;

    @BeforeEach
    void connect() {
        java.net.URI url = java.net.URI.create(TestServices.REDIS_URL);
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort());
        String path = url.getPath();
        configuration.setDatabase(path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1)));
        connections = new LettuceConnectionFactory(configuration);
        connections.afterPropertiesSet();
        redis = new StringRedisTemplate(connections);
        clean();
        attempts = new LoginAttempts(redis, clock);
    }

    @AfterEach
    void disconnect() {
        clean();
        connections.destroy();
    }

    private void clean() {
        Set<String> keys = redis.keys(LoginAttempts.PREFIX + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    @Test
    void eachFailureAfterTheLimitDoublesTheWaitUpToAnHour() {
        for (int i = 0; i < LoginAttempts.MAX_ACCOUNT_FAILURES; i++) {
            attempts.begin("nina@example.com", "203.0.113." + i);
        }
        long[] expectedWaits = { 60, 120, 240, 480, 960, 1920, 3600, 3600 };
        for (long wait : expectedWaits) {
            assertThat(waitSeconds("nina@example.com", "198.51.100.1")).isEqualTo(wait);
            clock.advance(Duration.ofSeconds(wait - 1));
            assertThat(waitSeconds("nina@example.com", "198.51.100.2")).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            // The wait is over: one more guess is checked, and fails.
            assertThatNoException().isThrownBy(() -> attempts.begin("nina@example.com", "198.51.100.3"));
        }
    }

    @Test
    void aSuccessStartsTheAccountAfresh() {
        for (int i = 0; i < LoginAttempts.MAX_ACCOUNT_FAILURES; i++) {
            attempts.begin("otto@example.com", "203.0.113.9");
        }
        clock.advance(LoginAttempts.FIRST_DELAY);
        attempts.begin("otto@example.com", "203.0.113.9");
        attempts.succeeded("otto@example.com", "203.0.113.9");

        for (int i = 0; i < LoginAttempts.MAX_ACCOUNT_FAILURES; i++) {
            attempts.begin("otto@example.com", "203.0.113.9");
        }
        assertThat(waitSeconds("otto@example.com", "203.0.113.9")).isEqualTo(60);
    }

    private long waitSeconds(String email, String address) {
        TooManyRequests refused = catchThrowableOfType(TooManyRequests.class, () -> attempts.begin(email, address));
        assertThat(refused).as("refused").isNotNull();
        return refused.retryAfterSeconds();
    }

    private static final class MovableClock extends java.time.Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
