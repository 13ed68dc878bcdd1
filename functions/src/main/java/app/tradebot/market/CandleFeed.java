package app.tradebot.market;

import java.time.Instant;
import java.util.List;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;

/**
 * The stored candles a bot runs on, exact (BigDecimal), and the newest ones fetched from the venue first:
 * market data is Binance's public klines whatever the account's venue; a symbol with only imported
 * candles runs on those.
 */
public interface CandleFeed {

    /** Where the API knows a symbol from. */
    enum SymbolSource {
        /** The exchange lists it: candles can be fetched. */
        EXCHANGE,
        /** Only imported candles exist under this name. */
        IMPORT
    }

    /** Where {@code symbol} is known from; null when it is neither listed nor imported. */
    SymbolSource source(String symbol);

    /**
     * Stores the newest closed candles of a listed symbol from the exchange (the gap after the last stored
     * one, a page at a time); 0 for an imported-only symbol or when no exchange is configured. Failures of
     * the exchange are the caller's to report ({@code ExchangeException}).
     */
    int refresh(String symbol, Interval interval, Instant now);

    /** Stored candles opening in {@code [from, to)}, oldest first, at most {@code limit}. */
    List<Kline> range(String symbol, Interval interval, Instant from, Instant to, int limit);

    /** The {@code count} newest stored candles opening before {@code before}, oldest first. */
    List<Kline> before(String symbol, Interval interval, Instant before, int count);
}
