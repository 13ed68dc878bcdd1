package app.tradebot.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The response bodies of the notify routes. Secrets appear once, in {@link CreatedWebhook}. */
final class Views {

    private Views() {
    }

    record WebhookView(UUID id, String url, List<String> events, Instant createdAt) {
        static WebhookView of(Channel channel) {
            return new WebhookView(channel.id(), channel.url(), channel.eventNames(), channel.createdAt());
        }
    }

    /** 201 of createWebhook: the only time the signing secret is shown. */
    record CreatedWebhook(UUID id, String url, List<String> events, String secret, Instant createdAt) {
    }

    record WebhookList(List<WebhookView> webhooks) {
    }

    record TelegramView(UUID id, String chatId, String botTokenHint, List<String> events, Instant createdAt) {
        static TelegramView of(Channel channel) {
            return new TelegramView(channel.id(), channel.chatId(), channel.secretHint(), channel.eventNames(),
                    channel.createdAt());
        }
    }

    record TelegramList(List<TelegramView> channels) {
    }

    record DeliveryView(UUID id, String event, DeliveryStatus status, int attempts, Integer lastStatusCode,
            String lastError, Instant createdAt, Instant nextAttemptAt, Instant finishedAt) {
        static DeliveryView of(Delivery d) {
            boolean waiting = d.status() == DeliveryStatus.RETRYING;
            return new DeliveryView(d.id(), d.eventType(), d.status(), d.attempts(), d.lastStatusCode(), d.lastError(),
                    d.createdAt(), waiting ? d.nextAttemptAt() : null, d.finishedAt());
        }
    }

    record DeliveryList(List<DeliveryView> deliveries) {
    }

    record TestQueued(UUID deliveryId) {
    }

    /** 200 of testTelegramChannel: whether Telegram took the message, its HTTP status (null: no answer) and why not. */
    record TelegramTest(boolean delivered, Integer statusCode, String error) {
    }
}
