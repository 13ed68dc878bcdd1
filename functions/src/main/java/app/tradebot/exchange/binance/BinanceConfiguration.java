package app.tradebot.exchange.binance;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BinanceProperties.class)
class BinanceConfiguration {

    @Bean
    BinanceConnector binanceConnector(BinanceProperties properties) {
        return new BinanceConnector(properties, Clock.systemUTC(), Sleeper.REAL, retryJitter());
    }

    /**
     * The retries' jitter. Not a seeded generator: one seeded while a SnapStart snapshot is taken
     * would give every copy restored from it the same sequence, so copies retrying after the same
     * failure would retry in step. SecureRandom draws from the operating system on every call,
     * which Lambda reseeds for each restored copy.
     */
    static RandomGenerator retryJitter() {
        return new SecureRandom();
    }
}
