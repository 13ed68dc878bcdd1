package app.tradebot.market;

import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.SymbolRules;

import org.springframework.stereotype.Component;

/** {@link CandleHistory} over the candle and symbol tables: what the user sees, as every market route shows it. */
@Component
class JdbiCandleHistory implements CandleHistory {

    private final CandleDao candles;
    private final SymbolDao symbols;

    JdbiCandleHistory(CandleDao candles, SymbolDao symbols) {
        this.candles = candles;
        this.symbols = symbols;
    }

    @Override
    public long count(UUID userId, String symbol, Interval interval, Instant from, Instant to) {
        return candles.count(userId, symbol, interval.code(), from, to);
    }

    @Override
    public CandleSeries load(UUID userId, String symbol, Interval interval, Instant from, Instant to) {
        return candles.series(userId, symbol, interval, from, to);
    }

    @Override
    public SymbolRules rules(UUID userId, String symbol) {
        return symbols.listedRules(symbol)
                .or(() -> symbols.find(userId, symbol)
                        .map(imported -> SymbolRules.unfiltered(symbol, imported.baseAsset(), imported.quoteAsset())))
                .orElseGet(() -> SymbolRules.unfiltered(symbol, null, null));
    }
}
