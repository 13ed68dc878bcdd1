package app.tradebot.orders;

import java.util.List;

/** One page of a bot's orders, fills or events, oldest first; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
