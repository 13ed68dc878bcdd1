package app.tradebot.gateway;

import app.tradebot.runtime.Template.Throttle;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class RouteThrottleTest {

    @Test
    void withRedisUnreachableRequestsGoThrough() {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1));
        factory.afterPropertiesSet();
        factory.start();
        try {
            RouteThrottle throttle = new RouteThrottle(new StringRedisTemplate(factory));

            for (int i = 0; i < 3; i++) {
                assertThat(throttle.take("GET /api/x", new Throttle(1, 0.001)).allowed()).isTrue();
            }
        }
        finally {
            factory.destroy();
        }
    }

    @Test
    void unlimitedRoutesNeverTouchRedis() {
        RouteThrottle throttle = new RouteThrottle(null);

        assertThat(throttle.take("GET /api/x", Throttle.NONE)).isEqualTo(RouteThrottle.Verdict.ALLOWED);
    }
}
