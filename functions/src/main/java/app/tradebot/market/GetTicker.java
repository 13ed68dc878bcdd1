package app.tradebot.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.Ticker;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/market/ticker/{symbol}}: the cached price when Redis has one; else the exchange's
 * (cached on the way when it can be); else the close of the latest candle the caller sees (the exchange's,
 * or their own import).
 */
final class GetTicker implements ApiHandler<Void, TickerView> {

    private static final Logger log = LoggerFactory.getLogger(GetTicker.class);

    private final TickerCache cache;
    private final MarketSource exchange;
    private final CandleDao candles;
    private final SymbolDao symbols;

    GetTicker(TickerCache cache, MarketSource exchange, CandleDao candles, SymbolDao symbols) {
        this.cache = cache;
        this.exchange = exchange;
        this.candles = candles;
        this.symbols = symbols;
    }

    @Override
    public TickerView handle(Void body, ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String symbol = MarketParameters.symbol(request.pathParameter("symbol"), "symbol", errors);
        MarketParameters.throwIfAny(errors);
        Optional<SymbolView> known = symbols.find(request.userId(), symbol);
        if (known.isEmpty()) {
            MarketParameters.throwIfAny(List.of(new FieldError("symbol", "is not a known symbol: see GET /api/market/symbols")));
        }
        Optional<TickerView> cached = cache.find(symbol);
        if (cached.isPresent()) {
            return cached.get();
        }
        if ("exchange".equals(known.get().source())) {
            Optional<MarketData> market = exchange.marketData();
            if (market.isPresent()) {
                try {
                    Ticker ticker = market.get().ticker(symbol);
                    cache.save(ticker);
                    return new TickerView(symbol, ticker.price(), ticker.at(), "exchange");
                }
                catch (ExchangeException e) {
                    log.warn("Exchange ticker of {} unavailable, answering from candles: {}", symbol, e.getMessage());
                }
            }
        }
        return candles.latestClose(request.userId(), symbol)
                .map(last -> new TickerView(symbol, last.close(), closeTime(last), "candles"))
                .orElseThrow(() -> new Unavailable("No price of " + symbol + " is available now; try again later."));
    }

    private static Instant closeTime(CandleDao.LastClose last) {
        return Interval.fromCode(last.interval()).map(interval -> interval.next(last.openTime())).orElse(last.openTime());
    }
}
