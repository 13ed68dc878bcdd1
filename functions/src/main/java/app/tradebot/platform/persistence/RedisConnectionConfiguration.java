package app.tradebot.platform.persistence;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Jedis;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

/**
 * The one Redis connection of the process, from {@code spring.data.redis.*} (REDIS_URL). redis-om-spring
 * (the ticker cache) needs a Jedis factory and would otherwise build its own from host and port
 * alone, losing the URL's database, password and TLS, and put it under every RedisTemplate; with this
 * bean present it builds none, and Boot none either, so cache, token revocation and throttles share it.
 */
@Configuration(proxyBeanMethods = false)
class RedisConnectionConfiguration {

    /**
     * Connections the pool may hold unless {@code spring.data.redis.jedis.pool.max-active} says
     * otherwise. Every gateway request asks Redis twice (its route's token bucket, the token's
     * revocation), each on a connection held for one command; the pool's own default of 8 made
     * the gateway's 200 request threads queue for them. A Lambda, serving one request at a time,
     * never opens more than it uses.
     */
    static final int POOL_SIZE = 64;

    @Bean
    JedisConnectionFactory jedisConnectionFactory(DataRedisProperties properties,
            @Value("${spring.data.redis.jedis.pool.max-active:" + POOL_SIZE + "}") int poolSize) {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(properties.getHost(), properties.getPort());
        server.setDatabase(properties.getDatabase());
        if (properties.getUsername() != null) {
            server.setUsername(properties.getUsername());
        }
        if (properties.getPassword() != null) {
            server.setPassword(properties.getPassword());
        }
        boolean tls = properties.getSsl().isEnabled();
        String url = properties.getUrl();
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.trim());
            tls = tls || "rediss".equals(uri.getScheme());
            server.setHostName(uri.getHost());
            server.setPort(uri.getPort() < 0 ? 6379 : uri.getPort());
            String path = uri.getPath();
            server.setDatabase(path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1)));
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
                String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
                if (!user.isEmpty()) {
                    server.setUsername(user);
                }
                server.setPassword(password);
            }
        }
        JedisClientConfiguration.JedisClientConfigurationBuilder client = JedisClientConfiguration.builder();
        if (properties.getTimeout() != null) {
            client.readTimeout(properties.getTimeout());
        }
        if (properties.getConnectTimeout() != null) {
            client.connectTimeout(properties.getConnectTimeout());
        }
        if (tls) {
            client.useSsl();
        }
        GenericObjectPoolConfig<Jedis> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        // As many idle as in use, or connections beyond the idle limit are closed on return and opened again.
        pool.setMaxIdle(poolSize);
        client.usePooling().poolConfig(pool);
        return new JedisConnectionFactory(server, client.build());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
