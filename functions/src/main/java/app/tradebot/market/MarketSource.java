package app.tradebot.market;

import java.util.Optional;

import app.tradebot.exchange.Exchanges;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.Venue;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Binance's public market data, when this process has an exchange at all: market data is read from
 * Binance's production API whatever venue an account trades on.
 */
final class MarketSource {

    private final ObjectProvider<Exchanges> exchanges;

    MarketSource(ObjectProvider<Exchanges> exchanges) {
        this.exchanges = exchanges;
    }

    Optional<MarketData> marketData() {
        return Optional.ofNullable(exchanges.getIfAvailable()).map(exchanges -> exchanges.marketData(Venue.BINANCE));
    }
}
