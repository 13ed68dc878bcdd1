package app.tradebot.market;

import java.time.Instant;
import java.util.UUID;

record WatchView(UUID id, String symbol, String interval, Instant createdAt) {
}
