package app.tradebot.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Unavailable;

/**
 * {@code POST /api/market/watches}: refreshCandles keeps the pair's candles up to date from now on.
 * Only a symbol the exchange lists can be watched; one not seen yet is looked up there and remembered.
 */
final class WatchCandles implements ApiHandler<WatchRequest, WatchView> {

    private final WatchDao watches;
    private final SymbolDao symbols;
    private final MarketSource exchange;

    WatchCandles(WatchDao watches, SymbolDao symbols, MarketSource exchange) {
        this.watches = watches;
        this.symbols = symbols;
        this.exchange = exchange;
    }

    @Override
    public WatchView handle(WatchRequest body, ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String symbol = MarketParameters.symbol(body.symbol(), "symbol", errors);
        Interval interval = MarketParameters.interval(body.interval(), "interval", errors);
        MarketParameters.throwIfAny(errors);
        requireListed(symbol);
        return watches.insert(UUID.randomUUID(), request.userId(), symbol, interval.code())
                .orElseThrow(() -> new Conflict("You already watch " + symbol + " " + interval.code() + "."));
    }

    private void requireListed(String symbol) {
        if (symbols.listed(symbol).isPresent()) {
            return;
        }
        Optional<MarketData> market = exchange.marketData();
        Optional<SymbolRules> listed;
        try {
            listed = market.flatMap(m -> m.symbol(symbol));
        }
        catch (ExchangeException e) {
            throw new Unavailable("The exchange cannot be reached to look up " + symbol + "; try again later.");
        }
        if (listed.isEmpty()) {
            MarketParameters.throwIfAny(List.of(new FieldError("symbol", "is not listed by the exchange")));
        }
        symbols.saveListed(List.of(listed.get()));
    }
}
