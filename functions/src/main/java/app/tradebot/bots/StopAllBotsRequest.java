package app.tradebot.bots;

import jakarta.validation.constraints.NotNull;

/** {@code POST /api/bots/stop-all}: {@code flatten} (required, so a kill switch never guesses) also sells every position. */
record StopAllBotsRequest(@NotNull Boolean flatten) {
}
