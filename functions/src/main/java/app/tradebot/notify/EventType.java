package app.tradebot.notify;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a user can be told about; {@link #wire()} is the name in the API, the webhook body and the Telegram text. */
public enum EventType {
    ORDER_FILLED("order.filled", "Order filled"),
    ORDER_REJECTED("order.rejected", "Order rejected"),
    BOT_STARTED("bot.started", "Bot started"),
    /** The payload carries {@code reason}: one of {@link StopReason}. */
    BOT_STOPPED("bot.stopped", "Bot stopped"),
    RISK_LIMIT_REACHED("risk.limit_reached", "Risk limit reached"),
    BACKTEST_COMPLETED("backtest.completed", "Backtest completed"),
    OPTIMIZATION_COMPLETED("optimization.completed", "Optimisation completed"),
    /** Sent by {@code testWebhook} only; nobody subscribes to it. */
    WEBHOOK_TEST("webhook.test", "Test notification");

    private final String wire;
    private final String title;

    EventType(String wire, String title) {
        this.wire = wire;
        this.title = title;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    String title() {
        return title;
    }

    boolean subscribable() {
        return this != WEBHOOK_TEST;
    }

    static Optional<EventType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    static String subscribableNames() {
        return String.join(", ", Arrays.stream(values()).filter(EventType::subscribable).map(EventType::wire).toList());
    }
}
