package app.tradebot.exchange.binance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Ticker;
import app.tradebot.exchange.Ticker24h;
import tools.jackson.databind.JsonNode;

/** Binance's public market data; exchangeInfo's symbols are reused for a while (they rarely change). */
final class BinanceMarketData implements MarketData {

    private final BinanceHttp http;
    private final Duration symbolsTtl;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(Map<String, SymbolRules> symbols, Instant until) {
    }

    BinanceMarketData(BinanceHttp http, Duration symbolsTtl, Clock clock) {
        this.http = http;
        this.symbolsTtl = symbolsTtl;
        this.clock = clock;
    }

    BinanceHttp http() {
        return http;
    }

    @Override
    public Instant serverTime() {
        return Instant.ofEpochMilli(http.get("/api/v3/time", Map.of(), 1).path("serverTime").asLong());
    }

    @Override
    public List<SymbolRules> symbols() {
        return List.copyOf(symbolMap().values());
    }

    @Override
    public Optional<SymbolRules> symbol(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(symbolMap().get(symbol));
    }

    private Map<String, SymbolRules> symbolMap() {
        Cached current = cached;
        if (current == null || clock.instant().isAfter(current.until())) {
            JsonNode info = http.get("/api/v3/exchangeInfo", Map.of(), 20);
            Map<String, SymbolRules> symbols = new LinkedHashMap<>();
            for (JsonNode s : info.path("symbols")) {
                SymbolRules rules = BinanceJson.symbol(s);
                symbols.put(rules.symbol(), rules);
            }
            current = new Cached(Map.copyOf(symbols), clock.instant().plus(symbolsTtl));
            cached = current;
        }
        return current.symbols();
    }

    @Override
    public List<Kline> klines(String symbol, Interval interval, Instant startTime, Instant endTime, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, not " + limit);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("interval", interval.code());
        if (startTime != null) {
            params.put("startTime", Long.toString(startTime.toEpochMilli()));
        }
        if (endTime != null) {
            params.put("endTime", Long.toString(endTime.toEpochMilli()));
        }
        params.put("limit", Integer.toString(limit));
        List<Kline> klines = new ArrayList<>();
        for (JsonNode row : http.get("/api/v3/klines", params, 2)) {
            klines.add(BinanceJson.kline(row));
        }
        return klines;
    }

    @Override
    public Ticker ticker(String symbol) {
        JsonNode t = http.get("/api/v3/ticker/price", Map.of("symbol", symbol), 2);
        return new Ticker(t.path("symbol").asString(), BinanceJson.decimal(t, "price"), http.clock().now());
    }

    @Override
    public Ticker24h ticker24h(String symbol) {
        return BinanceJson.ticker24h(http.get("/api/v3/ticker/24hr", Map.of("symbol", symbol), 2));
    }
}
