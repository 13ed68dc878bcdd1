package app.tradebot.market;

import java.time.Instant;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.SymbolRules;

/** The stored candles other features read (backtests), without knowing how they are stored. */
public interface CandleHistory {

    /** How many candles open in {@code [from, to)}. */
    long count(String symbol, Interval interval, Instant from, Instant to);

    /** The candles that open in {@code [from, to)}, oldest first. */
    CandleSeries load(String symbol, Interval interval, Instant from, Instant to);

    /**
     * The symbol's exchange filters as last listed, or for a symbol only imported (no filters known)
     * {@link SymbolRules#unfiltered} with its assets where known.
     */
    SymbolRules rules(String symbol);
}
