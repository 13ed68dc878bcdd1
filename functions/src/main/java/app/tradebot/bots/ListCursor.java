package app.tradebot.bots;

import java.time.Instant;
import java.util.UUID;

import app.tradebot.platform.http.Invalid;

/** The cursor of {@code GET /api/bots}: the last bot shown, as {@code <createdAt epoch micros>_<id>}. */
record ListCursor(Instant createdAt, UUID id) {

    static String of(Bot bot) {
        Instant at = bot.createdAt();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return micros + "_" + bot.id();
    }

    /** Null for no cursor; a 400 naming {@code cursor} for one this list never gave. */
    static ListCursor parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        int split = cursor.indexOf('_');
        try {
            long micros = Long.parseLong(cursor.substring(0, split));
            UUID id = UUID.fromString(cursor.substring(split + 1));
            return new ListCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L), id);
        }
        catch (RuntimeException e) {
            throw Invalid.field("cursor", "must be a cursor this list gave");
        }
    }
}
