package app.tradebot.accounts;

import java.time.Instant;
import java.util.UUID;

/** An exchange account as the API shows it: the key's last four characters, never the key or the secret. */
record AccountView(UUID id, String name, String kind, String apiKeyHint, Instant createdAt) {

    static AccountView of(ExchangeAccount account) {
        return new AccountView(account.id(), account.name(), account.kind(), account.apiKeyHint(), account.createdAt());
    }
}
