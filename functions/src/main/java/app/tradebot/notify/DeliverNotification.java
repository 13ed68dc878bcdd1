package app.tradebot.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import app.tradebot.platform.crypto.Fernet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deliverWebhook} and {@code deliverTelegram}: one attempt of one delivery. The row is claimed
 * from pending to sending, so a redelivered task does nothing. A 2xx answer within the timeout
 * succeeds; anything else (another status, a redirect, a timeout, a refused address) is retried
 * after a growing wait by {@code retryDeliveries}, until {@code retryFor} after the event: then the
 * row is {@code failed} and the task is thrown to the queue's DLQ.
 */
final class DeliverNotification {

    private static final Logger log = LoggerFactory.getLogger(DeliverNotification.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final ChannelDao channels;
    private final DeliveryDao deliveries;
    private final Fernet fernet;
    private final Targets targets;
    private final NotifyProperties properties;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;

    DeliverNotification(ChannelDao channels, DeliveryDao deliveries, Fernet fernet, Targets targets,
            NotifyProperties properties, HttpClient http, JsonMapper json, Clock clock) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.fernet = fernet;
        this.targets = targets;
        this.properties = properties;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** The outcome of one attempt: the answer's status (null when none came) and what went wrong. */
    record Attempt(Integer status, String error) {
        boolean succeeded() {
            return error == null;
        }
    }

    /** One attempt of the delivery the task names. */
    void attempt(DeliveryTask task) {
        Optional<Delivery> claimed = deliveries.claim(task.id(), clock.instant().plus(properties.lease()));
        if (claimed.isEmpty()) {
            Optional<Delivery> row = deliveries.find(task.id());
            if (row.isPresent() && row.get().status() == DeliveryStatus.FAILED) {
                throw new DeliveryAbandoned(row.get());
            }
            log.debug("Delivery {} is not pending: nothing to do", task.id());
            return;
        }
        Delivery delivery = claimed.get();
        Optional<Channel> channel = channels.findById(delivery.channelId());
        if (channel.isEmpty()) {
            // The channel was deleted: its deliveries went with it.
            return;
        }
        Attempt attempt = send(channel.get(), delivery);
        Instant now = clock.instant();
        if (attempt.succeeded()) {
            deliveries.succeed(delivery.id(), delivery.attempts(), attempt.status(), now);
            return;
        }
        Instant next = now.plus(properties.backOff(delivery.attempts()));
        if (next.isAfter(delivery.giveUpAt())) {
            if (deliveries.fail(delivery.id(), delivery.attempts(), attempt.status(), attempt.error(), now) > 0) {
                log.warn("Delivery {} to channel {} failed for good after {} attempts: {}", delivery.id(),
                        delivery.channelId(), delivery.attempts(), attempt.error());
                throw new DeliveryAbandoned(deliveries.find(delivery.id()).orElse(delivery));
            }
            return;
        }
        deliveries.retryAt(delivery.id(), delivery.attempts(), attempt.status(), attempt.error(), next);
        log.info("Delivery {} attempt {} failed ({}); next at {}", delivery.id(), delivery.attempts(), attempt.error(), next);
    }

    private Attempt send(Channel channel, Delivery delivery) {
        return switch (channel.kind()) {
            case WEBHOOK -> sendWebhook(channel, delivery);
            case TELEGRAM -> sendTelegram(channel, delivery);
        };
    }

    private Attempt sendWebhook(Channel channel, Delivery delivery) {
        Optional<String> refusal = targets.refusal(channel.url());
        if (refusal.isPresent()) {
            return new Attempt(null, "url " + refusal.get());
        }
        long t = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(channel.url()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "TradeBot-Webhooks/1")
                .header("X-TradeBot-Event", delivery.eventType())
                .header("X-TradeBot-Delivery", delivery.id().toString())
                .header(Signatures.HEADER, Signatures.header(fernet.decrypt(channel.secretEnc()), t, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
                .build();
        return exchange(request, false);
    }

    private Attempt sendTelegram(Channel channel, Delivery delivery) {
        return sendTelegram(channel, TelegramMessages.text(json.readTree(delivery.body())), false);
    }

    /**
     * {@code testTelegramChannel}: one test message to the channel now, outside the deliveries (nothing
     * stored, nothing retried), so the user sees at once whether the token and the chat work; a refusal
     * carries Telegram's own description (e.g. "Bad Request: chat not found").
     */
    Attempt sendTelegramTest(Channel channel) {
        String text = "TradeBot: " + EventType.WEBHOOK_TEST.title()
                + "\nThis chat receives the TradeBot events it is subscribed to: " + String.join(", ", channel.eventNames());
        return sendTelegram(channel, text, true);
    }

    private Attempt sendTelegram(Channel channel, String text, boolean describeRefusal) {
        String token = fernet.decrypt(channel.secretEnc());
        URI base = properties.telegramBaseUrl();
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/bot" + token + "/sendMessage");
        String body = json.writeValueAsString(Map.of("chat_id", channel.chatId(), "text", text));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        Attempt attempt = exchange(request, describeRefusal);
        // The token is in the URL: never keep an error text that might quote it.
        return attempt.succeeded() ? attempt : new Attempt(attempt.status(), attempt.error().replace(token, "<token>"));
    }

    /**
     * Sends and waits at most the timeout for the whole answer, body included; redirects are not followed.
     * With {@code describeRefusal} a refusal's body is read for Telegram's {@code description}; otherwise
     * the body is discarded (a webhook target's answer is not ours to keep).
     */
    private Attempt exchange(HttpRequest request, boolean describeRefusal) {
        var future = http.sendAsync(request, describeRefusal ? HttpResponse.BodyHandlers.ofString()
                : HttpResponse.BodyHandlers.replacing(""));
        try {
            HttpResponse<String> response = future.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Attempt(status, null);
            }
            if (status >= 300 && status < 400) {
                return new Attempt(status, "answered with a redirect (" + status + "), which is not followed");
            }
            String description = describeRefusal ? telegramDescription(response.body()) : "";
            return new Attempt(status, truncate("answered " + status + (description.isEmpty() ? "" : ": " + description)));
        }
        catch (TimeoutException e) {
            future.cancel(true);
            return new Attempt(null, "no answer within " + properties.timeout().toMillis() + " ms");
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Attempt(null, "no answer within " + properties.timeout().toMillis() + " ms");
            }
            return new Attempt(null, truncate(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(null, "interrupted");
        }
    }

    /** The {@code description} of a Telegram Bot API refusal, or "" when the body is not one. */
    private String telegramDescription(String body) {
        try {
            return json.readTree(body).path("description").asString("");
        }
        catch (RuntimeException e) {
            return "";
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
