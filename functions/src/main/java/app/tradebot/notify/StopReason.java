package app.tradebot.notify;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a bot stopped, in a {@code bot.stopped} event. */
public enum StopReason {
    USER("user"), RISK("risk"), ERROR("error");

    private final String wire;

    StopReason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
