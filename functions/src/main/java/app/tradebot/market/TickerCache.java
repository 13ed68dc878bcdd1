package app.tradebot.market;

import java.util.Optional;

import app.tradebot.exchange.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest prices in Redis. Redis being down is not the caller's failure: a read finds nothing and
 * a write is skipped, both logged, and the callers fall back to the exchange and the candles.
 */
final class TickerCache {

    private static final Logger log = LoggerFactory.getLogger(TickerCache.class);

    private final CachedTickers tickers;

    TickerCache(CachedTickers tickers) {
        this.tickers = tickers;
    }

    Optional<TickerView> find(String symbol) {
        try {
            return tickers.findById(symbol).map(CachedTicker::view);
        }
        catch (RuntimeException e) {
            log.warn("Ticker cache unreadable, answering without it: {}", e.toString());
            return Optional.empty();
        }
    }

    boolean save(Ticker ticker) {
        try {
            tickers.save(new CachedTicker(ticker.symbol(), ticker.price(), ticker.at()));
            return true;
        }
        catch (RuntimeException e) {
            log.warn("Ticker of {} not cached: {}", ticker.symbol(), e.toString());
            return false;
        }
    }
}
