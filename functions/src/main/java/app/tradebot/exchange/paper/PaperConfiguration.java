package app.tradebot.exchange.paper;

import java.time.Clock;

import app.tradebot.exchange.Venue;
import app.tradebot.exchange.binance.BinanceConnector;
import org.jdbi.v3.core.Jdbi;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaperProperties.class)
class PaperConfiguration {

    /** Paper accounts trade against Binance production's prices. */
    @Bean
    PaperExchanges paperExchanges(BinanceConnector binance, Jdbi jdbi, PaperProperties properties) {
        return new PaperExchanges(binance.marketData(Venue.BINANCE), jdbi, properties, Clock.systemUTC());
    }
}
