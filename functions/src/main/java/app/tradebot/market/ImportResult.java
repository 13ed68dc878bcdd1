package app.tradebot.market;

import java.time.Instant;

/**
 * What an import did: {@code rows} valid rows read, {@code imported} of them new among the caller's imports,
 * {@code alreadyStored} imported before (kept as they were), spanning {@code first} to {@code last} open
 * times. {@code supersededByExchange} of the rows are at open times the exchange's candles hold: they are
 * stored, but the exchange's candles are the ones shown and run on.
 */
record ImportResult(String symbol, String interval, long rows, long imported, long alreadyStored,
        long supersededByExchange, Instant first, Instant last) {
}
