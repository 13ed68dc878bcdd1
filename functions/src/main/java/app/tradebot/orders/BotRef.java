package app.tradebot.orders;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The bot an order belongs to: whose it is, which exchange account and symbol it trades, and how old
 * a signal may be and still be sent again after its first send was found not placed.
 */
public record BotRef(UUID botId, UUID userId, UUID accountId, String symbol, Duration maxSignalAge) {

    public BotRef {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(maxSignalAge, "maxSignalAge");
    }
}
