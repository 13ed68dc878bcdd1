package app.tradebot.orders;

/** The paging cursors of the order path's lists: the last row's sequence number, as text. */
final class Cursors {

    private Cursors() {
    }

    static long after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            long after = Long.parseLong(cursor);
            if (after < 0) {
                throw new IllegalArgumentException("cursor must be a cursor this list gave, not " + cursor);
            }
            return after;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor must be a cursor this list gave, not " + cursor);
        }
    }
}
