package app.tradebot.bots;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** A replay bot's candles: those opening in {@code [from, to)}. */
record ReplayRange(@NotNull Instant from, @NotNull Instant to) {
}
