package app.tradebot.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A bot order's client order id: derived from (bot, candle open time, intent index, attempt) alone,
 * so the same decision always names the same order, and a signal sent again after it was found not
 * placed gets a new one. "tb" and 32 characters of base64url (192 bits of SHA-256): 34 characters
 * of Binance's allowed set {@code [.A-Z:/a-z0-9_-]}, unique per account in practice and by the table's
 * unique key in fact.
 */
final class ClientOrderIds {

    static final int LENGTH = 34;

    private ClientOrderIds() {
    }

    static String of(UUID botId, Instant candleOpenTime, int intentIndex, int attempt) {
        String key = botId + "|" + candleOpenTime.toEpochMilli() + "|" + intentIndex + "|" + attempt;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "tb" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, LENGTH - 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
