package app.tradebot.platform.storage;

import java.time.Instant;
import java.util.Map;

/** How to upload: {@code method} to {@code url} with exactly these headers, before {@code expiresAt}. */
public record PresignedUpload(String url, String method, Map<String, String> headers, Instant expiresAt) {
}
