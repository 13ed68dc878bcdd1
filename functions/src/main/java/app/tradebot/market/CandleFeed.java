package app.tradebot.market;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;

/**
 * The stored candles a bot runs on, exact (BigDecimal), and the newest ones fetched from the venue first:
 * market data is Binance's public klines whatever the account's venue. Candles are read as one user sees
 * them ({@link #of}, {@link #live}); another user's imports are never seen.
 */
public interface CandleFeed {

    /** Where a user knows a symbol from. */
    enum SymbolSource {
        /** The exchange lists it: candles can be fetched. */
        EXCHANGE,
        /** Only the user's own imported candles exist under this name. */
        IMPORT
    }

    /**
     * What {@code userId} sees, as in a chart or a backtest (so a replay equals the backtest): the exchange's
     * candles, and the user's imported ones at open times the exchange has none for.
     */
    View of(UUID userId);

    /**
     * What a live bot of {@code userId} trades on: a listed symbol's exchange candles only (an import never
     * stands in for a candle the exchange has not delivered yet); an import-only symbol's own imports.
     */
    View live(UUID userId);

    /** The candles of one view. */
    interface View {

        /** Where the user knows {@code symbol} from; null when it is neither listed nor imported by them. */
        SymbolSource source(String symbol);

        /**
         * Stores the newest closed candles of a listed symbol from the exchange (the gap after the last stored
         * one, a page at a time); 0 for an imported-only symbol or when no exchange is configured. Failures of
         * the exchange are the caller's to report ({@code ExchangeException}).
         */
        int refresh(String symbol, Interval interval, Instant now);

        /** Candles opening in {@code [from, to)}, oldest first, at most {@code limit}. */
        List<Kline> range(String symbol, Interval interval, Instant from, Instant to, int limit);

        /** The {@code count} newest candles opening before {@code before}, oldest first. */
        List<Kline> before(String symbol, Interval interval, Instant before, int count);
    }
}
