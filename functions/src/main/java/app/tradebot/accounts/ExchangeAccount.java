package app.tradebot.accounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import app.tradebot.exchange.Venue;

/**
 * A row of {@code exchange_accounts}: the key and secret as Fernet tokens, null on a paper account;
 * {@code dailyLossLimitQuote} the loss its bots may make in a UTC day (null: no limit).
 */
record ExchangeAccount(UUID id, UUID userId, String name, String kind, String apiKeyEnc, String apiSecretEnc,
        String apiKeyHint, BigDecimal dailyLossLimitQuote, Instant createdAt, Instant updatedAt) {

    Venue venue() {
        return Venue.fromKind(kind).orElseThrow(() -> new IllegalStateException("exchange account " + id + " has kind " + kind));
    }

    @Override
    public String toString() {
        return "ExchangeAccount[id=" + id + ", userId=" + userId + ", name=" + name + ", kind=" + kind + ", apiKeyHint="
                + apiKeyHint + "]";
    }
}
