package app.tradebot.market;

import java.time.Instant;
import java.util.List;

/**
 * Candles of one symbol and interval, oldest first. {@code next} is the {@code from} that reads the
 * page after this one, null when there is none (or when the page is the latest candles).
 */
record CandlePage(String symbol, String interval, List<CandleView> candles, Instant next) {
}
