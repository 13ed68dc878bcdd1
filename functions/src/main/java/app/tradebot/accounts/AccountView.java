package app.tradebot.accounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An exchange account as the API shows it: the key's last four characters, never the key or the secret;
 * the daily loss limit of its bots (null: none).
 */
record AccountView(UUID id, String name, String kind, String apiKeyHint, BigDecimal dailyLossLimitQuote, Instant createdAt) {

    static AccountView of(ExchangeAccount account) {
        return new AccountView(account.id(), account.name(), account.kind(), account.apiKeyHint(),
                account.dailyLossLimitQuote() == null ? null : account.dailyLossLimitQuote().stripTrailingZeros(),
                account.createdAt());
    }
}
