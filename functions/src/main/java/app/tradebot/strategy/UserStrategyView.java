package app.tradebot.strategy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user strategy. {@code reference} ({@code user:<id>@<version>}) is what runs keep; a request may
 * name the strategy by {@code name} or {@code user:<id>} and gets the current version.
 */
record UserStrategyView(UUID id, String name, int version, String reference, String source,
        List<StrategyDescriptor.Parameter> parameters, int warmUp, Instant createdAt, Instant updatedAt) {
}
