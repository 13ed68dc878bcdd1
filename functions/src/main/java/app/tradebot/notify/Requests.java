package app.tradebot.notify;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The request bodies of the notify routes. */
final class Requests {

    private Requests() {
    }

    /** {@code POST /api/webhooks}. */
    record CreateWebhookRequest(@NotBlank String url, @NotEmpty @Size(max = 16) List<@NotNull String> events) {
    }

    /** {@code POST /api/notifications/telegram}. */
    record CreateTelegramRequest(
            @NotNull @Pattern(regexp = "[0-9]{3,20}:[A-Za-z0-9_-]{20,100}", message = "must look like 123456789:AA...")
            String botToken,
            @NotNull @Pattern(regexp = "-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}",
                    message = "must be a numeric chat id or an @channel name") String chatId,
            @NotEmpty @Size(max = 16) List<@NotNull String> events) {
    }
}
