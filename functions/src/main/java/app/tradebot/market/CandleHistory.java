package app.tradebot.market;

import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.SymbolRules;

/**
 * The stored candles other features read (backtests, replays), without knowing how they are stored, as
 * one user sees them: the exchange's candles, and the user's own imported ones where the exchange has
 * none. Another user's imports are never seen.
 */
public interface CandleHistory {

    /** How many candles {@code userId} sees open in {@code [from, to)}. */
    long count(UUID userId, String symbol, Interval interval, Instant from, Instant to);

    /** The candles {@code userId} sees open in {@code [from, to)}, oldest first. */
    CandleSeries load(UUID userId, String symbol, Interval interval, Instant from, Instant to);

    /**
     * The symbol's exchange filters as last listed, or for a symbol {@code userId} only imported (no filters
     * known) {@link SymbolRules#unfiltered} with its assets read from the name; for a symbol the user does not
     * know, unfiltered without assets.
     */
    SymbolRules rules(UUID userId, String symbol);
}
