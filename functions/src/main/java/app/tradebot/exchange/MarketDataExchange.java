package app.tradebot.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An {@link Exchange} whose public market data comes from a {@link MarketData}: Binance accounts
 * ask their own venue, paper accounts ask Binance's production data. Subclasses add the account.
 */
public abstract class MarketDataExchange implements Exchange {

    private final MarketData market;

    protected MarketDataExchange(MarketData market) {
        this.market = market;
    }

    @Override
    public Instant serverTime() {
        return market.serverTime();
    }

    @Override
    public List<SymbolRules> symbols() {
        return market.symbols();
    }

    @Override
    public Optional<SymbolRules> symbol(String symbol) {
        return market.symbol(symbol);
    }

    @Override
    public List<Kline> klines(String symbol, Interval interval, Instant startTime, Instant endTime, int limit) {
        return market.klines(symbol, interval, startTime, endTime, limit);
    }

    @Override
    public Ticker ticker(String symbol) {
        return market.ticker(symbol);
    }

    @Override
    public Ticker24h ticker24h(String symbol) {
        return market.ticker24h(symbol);
    }
}
