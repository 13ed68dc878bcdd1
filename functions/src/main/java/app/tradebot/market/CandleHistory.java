package app.tradebot.market;

import java.time.Instant;

import app.tradebot.exchange.Interval;

/** The stored candles other features read (backtests), without knowing how they are stored. */
public interface CandleHistory {

    /** How many candles open in {@code [from, to)}. */
    long count(String symbol, Interval interval, Instant from, Instant to);

    /** The candles that open in {@code [from, to)}, oldest first. */
    CandleSeries load(String symbol, Interval interval, Instant from, Instant to);
}
