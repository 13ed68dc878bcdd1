package app.tradebot.notify;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The message on webhook-deliveries and telegram-deliveries: which delivery to attempt. */
record DeliveryTask(@NotNull UUID id) {
}
