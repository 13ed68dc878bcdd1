package app.tradebot.platform.persistence;

import java.time.Duration;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConnectionConfigurationTest {

    private final RedisConnectionConfiguration configuration = new RedisConnectionConfiguration();

    @Test
    void theUrlGivesHostPortDatabasePasswordAndTls() {
        DataRedisProperties properties = new DataRedisProperties();
        properties.setUrl("rediss://:t%40ken@cache.example.internal:6380/4");
        properties.setTimeout(Duration.ofMillis(700));

        JedisConnectionFactory factory = configuration.jedisConnectionFactory(properties, RedisConnectionConfiguration.POOL_SIZE);

        assertThat(factory.getStandaloneConfiguration().getHostName()).isEqualTo("cache.example.internal");
        assertThat(factory.getStandaloneConfiguration().getPort()).isEqualTo(6380);
        assertThat(factory.getStandaloneConfiguration().getDatabase()).isEqualTo(4);
        assertThat(factory.getStandaloneConfiguration().getPassword().get()).isEqualTo("t@ken".toCharArray());
        assertThat(factory.getStandaloneConfiguration().getUsername()).isNull();
        assertThat(factory.getClientConfiguration().isUseSsl()).isTrue();
        assertThat(factory.getClientConfiguration().getReadTimeout()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void aPlainUrlWithUserAndNoDatabase() {
        DataRedisProperties properties = new DataRedisProperties();
        properties.setUrl("redis://app:secret@127.0.0.1");

        JedisConnectionFactory factory = configuration.jedisConnectionFactory(properties, RedisConnectionConfiguration.POOL_SIZE);

        assertThat(factory.getStandaloneConfiguration().getPort()).isEqualTo(6379);
        assertThat(factory.getStandaloneConfiguration().getDatabase()).isZero();
        assertThat(factory.getStandaloneConfiguration().getUsername()).isEqualTo("app");
        assertThat(factory.getClientConfiguration().isUseSsl()).isFalse();
    }

    @Test
    void withoutUrlTheHostPropertiesCount() {
        DataRedisProperties properties = new DataRedisProperties();
        properties.setHost("redis.local");
        properties.setPort(6390);
        properties.setDatabase(2);

        JedisConnectionFactory factory = configuration.jedisConnectionFactory(properties, RedisConnectionConfiguration.POOL_SIZE);

        assertThat(factory.getStandaloneConfiguration().getHostName()).isEqualTo("redis.local");
        assertThat(factory.getStandaloneConfiguration().getPort()).isEqualTo(6390);
        assertThat(factory.getStandaloneConfiguration().getDatabase()).isEqualTo(2);
    }

    @Test
    void thePoolKeepsAsManyIdleConnectionsAsItMayOpen() {
        JedisConnectionFactory factory = configuration.jedisConnectionFactory(new DataRedisProperties(), 48);

        GenericObjectPoolConfig<?> pool = factory.getClientConfiguration().getPoolConfig().orElseThrow();
        assertThat(pool.getMaxTotal()).isEqualTo(48);
        assertThat(pool.getMaxIdle()).isEqualTo(48);
    }
}
