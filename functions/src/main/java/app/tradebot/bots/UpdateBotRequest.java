package app.tradebot.bots;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PATCH /api/bots/{id}}: what may change while a bot is stopped; absent fields stay as they are. */
record UpdateBotRequest(
        @Size(max = 64) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        Map<String, Object> params,
        @Valid BotSizing sizing,
        @Valid BotRisk risk) {

    UpdateBotRequest {
        name = name == null ? null : name.strip();
    }
}
