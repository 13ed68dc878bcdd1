package app.tradebot.market;

import java.time.Instant;

/**
 * What an import did: {@code rows} valid rows read, {@code imported} of them new, {@code alreadyStored}
 * already in the database (kept as they were), spanning {@code first} to {@code last} open times.
 */
record ImportResult(String symbol, String interval, long rows, long imported, long alreadyStored, Instant first,
        Instant last) {
}
