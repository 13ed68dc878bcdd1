package app.tradebot.market;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.storage.PresignedUpload;

/**
 * An upload as the API shows it: {@code upload} (where to PUT the file) only while the file is
 * awaited, {@code result} once imported, {@code errors} (the file's bad rows) once refused.
 */
record CandleUploadView(UUID id, String symbol, String interval, CandleUploadStatus status, PresignedUpload upload,
        ImportResult result, List<FieldError> errors, Instant createdAt) {
}
