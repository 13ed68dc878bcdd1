package app.tradebot.exchange.binance;

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
        return new BinanceConnector(properties, Clock.systemUTC(), Sleeper.REAL, RandomGenerator.getDefault());
    }
}
