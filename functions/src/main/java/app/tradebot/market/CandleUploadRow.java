package app.tradebot.market;

import java.time.Instant;
import java.util.UUID;

/** A row of candle_uploads; result and errors are JSON text. */
record CandleUploadRow(UUID id, UUID userId, String symbol, String interval, String objectKey, CandleUploadStatus status,
        String result, String errors, Instant createdAt, Instant expiresAt) {
}
