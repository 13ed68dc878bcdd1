package app.tradebot.gateway;

import java.net.URI;
import java.util.UUID;

import app.tradebot.runtime.Template.Throttle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The route throttle's token bucket on the real Redis, through the Jedis connection the gateway runs with. */
class RouteThrottleIT {

    private final String route = "GET /api/throttle-it/" + UUID.randomUUID();
    private JedisConnectionFactory factory;
    private StringRedisTemplate redis;

    @BeforeEach
    void connect() {
        URI url = URI.create(TestServices.REDIS_URL);
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort());
        String path = url.getPath();
        server.setDatabase(path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1)));
        factory = new JedisConnectionFactory(server);
        factory.afterPropertiesSet();
        factory.start();
        redis = new StringRedisTemplate(factory);
    }

    @AfterEach
    void close() {
        redis.delete(RouteThrottle.KEY_PREFIX + route);
        factory.destroy();
    }

    @Test
    void aScriptRedisHasNotSeenIsSentWholeAndTheBucketStillCounts() {
        // A script text of its own, so Redis answers its first EVALSHA with NOSCRIPT (as after a restart),
        // without flushing the scripts every other client of this Redis relies on.
        RouteThrottle.TokenBucketScript unseen = RouteThrottle.TokenBucketScript
                .of(RouteThrottle.TokenBucketScript.source() + "\n-- " + UUID.randomUUID() + "\n");
        RouteThrottle throttle = new RouteThrottle(redis, unseen);
        Throttle twoThenOneAMinute = new Throttle(2, 1.0 / 60);

        assertThat(throttle.take(route, twoThenOneAMinute).allowed()).isTrue();
        assertThat(throttle.take(route, twoThenOneAMinute).allowed()).isTrue();
        RouteThrottle.Verdict third = throttle.take(route, twoThenOneAMinute);

        assertThat(third.allowed()).isFalse();
        assertThat(third.retryAfterSeconds()).isBetween(55L, 60L);
        assertThat(redis.getExpire(RouteThrottle.KEY_PREFIX + route)).isPositive();
    }
}
