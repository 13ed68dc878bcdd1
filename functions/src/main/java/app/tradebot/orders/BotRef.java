package app.tradebot.orders;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The bot an order belongs to: whose it is, which exchange account and symbol it trades, how old
 * a signal may be and still be sent again after its first send was found not placed, and whether it is
 * a replay (its orders fill at stored candles' prices and times, not now).
 */
public record BotRef(UUID botId, UUID userId, UUID accountId, String symbol, Duration maxSignalAge, boolean replay) {

    /** A bot trading now (live, or on a paper account's live prices): not a replay. */
    public BotRef(UUID botId, UUID userId, UUID accountId, String symbol, Duration maxSignalAge) {
        this(botId, userId, accountId, symbol, maxSignalAge, false);
    }

    public BotRef {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(maxSignalAge, "maxSignalAge");
    }
}
