package app.tradebot.strategy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/strategies/validate}: the source an editor holds. */
record ValidateRequest(@NotNull @Size(max = 10_000) String source) {
}
