package app.tradebot.auth;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What the auth functions stand on: the users table, password hashing, tokens and sign-in counters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthConfiguration {

    @Bean
    UserDao userDao(Jdbi jdbi) {
        return jdbi.onDemand(UserDao.class);
    }

    @Bean
    UserReads userReads(DataSource dataSource) {
        return new UserReads(dataSource);
    }

    @Bean
    Passwords passwords() {
        return new Passwords();
    }

    @Bean
    RedisRevokedTokens revokedTokens(AuthProperties properties, StringRedisTemplate redis, UserReads users,
            ObjectProvider<Clock> clocks) {
        return new RedisRevokedTokens(redis, users::findSessionsNotBefore,
                Duration.ofMinutes(properties.accessTokenExpireMinutes()), clocks.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    UserSessions userSessions(Jdbi jdbi, RedisRevokedTokens revoked) {
        return new UserSessions(jdbi, revoked);
    }

    @Bean
    AccessTokens accessTokens(AuthProperties properties, @Value("${tradebot.environment:development}") String environment,
            RedisRevokedTokens revoked, ObjectProvider<Clock> clocks) {
        byte[] key = SigningKeys.resolve(properties.secretKey(), environment);
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        // Revocation and sessions-not-before in one Redis round trip (the row only when Redis has no mirror).
        return new AccessTokens(key, Duration.ofMinutes(properties.accessTokenExpireMinutes()), revoked, revoked, clock);
    }

    @Bean
    LoginAttempts loginAttempts(StringRedisTemplate redis, ObjectProvider<Clock> clock) {
        return new LoginAttempts(redis, clock.getIfAvailable(Clock::systemUTC));
    }
}
