package app.tradebot.exchange;

import java.util.Arrays;
import java.util.Optional;

/** Where an exchange account trades: its {@code kind} in the API. */
public enum Venue {
    PAPER("paper"),
    BINANCE("binance"),
    BINANCE_TESTNET("binance-testnet");

    private final String kind;

    Venue(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    /** Paper accounts hold simulated balances; the others need API keys. */
    public boolean needsKeys() {
        return this != PAPER;
    }

    public static Optional<Venue> fromKind(String kind) {
        return Arrays.stream(values()).filter(venue -> venue.kind.equals(kind)).findFirst();
    }

    @Override
    public String toString() {
        return kind;
    }
}
