package app.tradebot.strategy;

import java.time.Instant;
import java.util.UUID;

/** A user strategy with the source of the version asked for (the current one unless pinned). */
record UserStrategyRow(UUID id, UUID userId, String name, int version, String source, Instant createdAt,
        Instant updatedAt) {
}
