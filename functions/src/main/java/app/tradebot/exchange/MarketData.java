package app.tradebot.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An exchange's public market data: no keys needed. */
public interface MarketData {

    /** The exchange's clock. */
    Instant serverTime();

    /** Every symbol the exchange lists, with the filters an order must meet (exchangeInfo). */
    List<SymbolRules> symbols();

    Optional<SymbolRules> symbol(String symbol);

    /**
     * Candles in open-time order, at most {@code limit} (≤ 1000), opening at or after {@code startTime}
     * and at or before {@code endTime}; either bound may be null. The last one may still be open:
     * callers that want closed candles compare {@link Kline#closeTime()} with {@link #serverTime()}.
     */
    List<Kline> klines(String symbol, Interval interval, Instant startTime, Instant endTime, int limit);

    /** The latest price. */
    Ticker ticker(String symbol);

    /** The rolling 24-hour statistics. */
    Ticker24h ticker24h(String symbol);
}
