package app.tradebot.exchange;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import app.tradebot.exchange.binance.BinanceConnector;
import app.tradebot.exchange.paper.PaperExchanges;

import org.springframework.stereotype.Component;

@Component
class ConfiguredExchanges implements Exchanges {

    private final BinanceConnector binance;
    private final PaperExchanges paper;

    ConfiguredExchanges(BinanceConnector binance, PaperExchanges paper) {
        this.binance = binance;
        this.paper = paper;
    }

    @Override
    public MarketData marketData(Venue venue) {
        // Paper accounts price against Binance production.
        return binance.marketData(venue == Venue.PAPER ? Venue.BINANCE : venue);
    }

    @Override
    public Exchange binance(Venue venue, UUID accountId, ApiCredentials credentials) {
        if (!venue.needsKeys()) {
            throw new IllegalArgumentException("a " + venue + " account is not a Binance account");
        }
        return binance.exchange(venue, accountId, credentials);
    }

    @Override
    public Exchange paper(UUID accountId) {
        return paper.exchange(accountId);
    }

    @Override
    public void openPaperAccount(UUID accountId, Map<String, BigDecimal> startingBalances) {
        paper.open(accountId, startingBalances);
    }

    @Override
    public void closePaperAccount(UUID accountId) {
        paper.close(accountId);
    }
}
