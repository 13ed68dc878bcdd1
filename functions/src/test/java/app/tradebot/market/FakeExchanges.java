package app.tradebot.market;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.Exchanges;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.Venue;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The exchange port with {@link FakeMarketData} behind it: the market functions only read market data. */
@TestConfiguration(proxyBeanMethods = false)
class FakeExchanges {

    @Bean
    FakeMarketData fakeMarketData() {
        return new FakeMarketData();
    }

    @Bean
    @Primary
    Exchanges fakeExchanges(FakeMarketData market) {
        return new Exchanges() {
            @Override
            public MarketData marketData(Venue venue) {
                return market;
            }

            @Override
            public Exchange binance(Venue venue, UUID accountId, ApiCredentials credentials) {
                throw new UnsupportedOperationException("not used by the market functions");
            }

            @Override
            public Exchange paper(UUID accountId) {
                throw new UnsupportedOperationException("not used by the market functions");
            }

            @Override
            public void openPaperAccount(UUID accountId, Map<String, BigDecimal> startingBalances) {
                throw new UnsupportedOperationException("not used by the market functions");
            }

            @Override
            public void closePaperAccount(UUID accountId) {
                throw new UnsupportedOperationException("not used by the market functions");
            }
        };
    }
}
