package app.tradebot.bots;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/bots}. The strategy and its params are checked against the catalog, the account, the
 * symbol and a replay range against what is stored, by {@link BotRules}.
 */
record CreateBotRequest(
        @NotBlank @Size(max = 64) String name,
        @NotNull UUID accountId,
        @NotBlank @Size(max = 20) String symbol,
        @NotBlank @Size(max = 3) String interval,
        @NotBlank @Size(max = 64) String strategy,
        Map<String, Object> params,
        @NotNull @Valid BotSizing sizing,
        @Valid BotRisk risk,
        @Valid ReplayRange replay) {

    CreateBotRequest {
        name = name == null ? null : name.strip();
    }
}
