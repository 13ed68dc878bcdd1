package app.tradebot.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.FieldError;

/**
 * {@code GET /api/market/candles?symbol=&interval=&from=&to=&limit=}: the candles opening in
 * {@code [from, to)}, oldest first, at most {@code limit} (default 500, at most 1000). With
 * {@code from} the page starts there and {@code next} reads on; without it the page is the latest
 * candles before {@code to} (default: now). The caller sees the exchange's candles and their own imported
 * ones where the exchange has none; another user's imported symbol is unknown to them.
 */
final class GetCandles implements ApiHandler<Void, CandlePage> {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final CandleDao candles;
    private final SymbolDao symbols;

    GetCandles(CandleDao candles, SymbolDao symbols) {
        this.candles = candles;
        this.symbols = symbols;
    }

    @Override
    public CandlePage handle(Void body, ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String symbol = MarketParameters.symbol(request.query("symbol").orElse(null), "symbol", errors);
        Interval interval = MarketParameters.interval(request.query("interval").orElse(null), "interval", errors);
        Instant from = MarketParameters.time(request.query("from").orElse(null), "from", errors);
        Instant to = MarketParameters.time(request.query("to").orElse(null), "to", errors);
        int limit = limit(request.query("limit").orElse(null), errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        if (symbol != null && symbols.find(request.userId(), symbol).isEmpty()) {
            errors.add(new FieldError("symbol", "is not a known symbol: see GET /api/market/symbols"));
        }
        MarketParameters.throwIfAny(errors);
        Instant until = to == null ? Instant.now() : to;
        if (from == null) {
            return new CandlePage(symbol, interval.code(), candles.latest(request.userId(), symbol, interval.code(), until, limit), null);
        }
        List<CandleView> page = candles.from(request.userId(), symbol, interval.code(), from, until, limit + 1);
        Instant next = null;
        if (page.size() > limit) {
            next = page.get(limit).openTime();
            page = page.subList(0, limit);
        }
        return new CandlePage(symbol, interval.code(), List.copyOf(page), next);
    }

    private static int limit(String raw, List<FieldError> errors) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }
}
