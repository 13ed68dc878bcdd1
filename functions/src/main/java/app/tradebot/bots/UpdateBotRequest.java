package app.tradebot.bots;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/bots/{id}}: what may change while a bot is stopped; absent fields stay as they are. A
 * {@code strategy} is pinned again as at creation (a user strategy's name: its current version).
 */
record UpdateBotRequest(
        @Size(max = 64) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(max = 64) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String strategy,
        Map<String, Object> params,
        @Valid BotSizing sizing,
        @Valid BotRisk risk) {

    UpdateBotRequest {
        name = name == null ? null : name.strip();
    }
}
