package app.tradebot.notify;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tradebot.notify.*}. Retries wait {@code retryInitial}, then twice as long each time up to
 * {@code retryMax}, until {@code retryFor} after the event; {@code retryDeliveries} runs every minute,
 * so in production a wait is rounded up to the next minute.
 */
@Validated
@ConfigurationProperties("tradebot.notify")
record NotifyProperties(
        /* Lets webhooks target loopback, private, link-local addresses: for a receiver on the operator's own network. */
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("30s") @NotNull Duration retryInitial,
        @DefaultValue("1h") @NotNull Duration retryMax,
        @DefaultValue("24h") @NotNull Duration retryFor,
        /* How long one attempt may hold a delivery before retryDeliveries hands it out again. */
        @DefaultValue("2m") @NotNull Duration lease,
        /* Deliveries the worker attempts at once, so one hanging target never holds up the others. */
        @DefaultValue("8") @Min(1) int concurrency,
        @DefaultValue("https://api.telegram.org") @NotNull URI telegramBaseUrl) {

    /** The wait before attempt {@code attempts + 1}. */
    Duration backOff(int attempts) {
        Duration wait = retryInitial;
        for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
