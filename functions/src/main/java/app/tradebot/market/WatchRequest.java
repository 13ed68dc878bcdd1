package app.tradebot.market;

import jakarta.validation.constraints.NotBlank;

record WatchRequest(@NotBlank String symbol, @NotBlank String interval) {
}
