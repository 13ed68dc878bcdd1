package app.tradebot.notify;

import com.fasterxml.jackson.annotation.JsonValue;

/** See table notification_deliveries. */
enum DeliveryStatus {
    PENDING, SENDING, RETRYING, SUCCEEDED, FAILED;

    @JsonValue
    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
