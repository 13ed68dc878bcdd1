package app.tradebot.accounts;

import java.util.UUID;

import app.tradebot.exchange.Venue;

/** An exchange account as other features see it: whose it is, its name and where it trades; never its keys. */
public record OwnedAccount(UUID id, UUID userId, String name, Venue venue) {

    static OwnedAccount of(ExchangeAccount account) {
        return new OwnedAccount(account.id(), account.userId(), account.name(), account.venue());
    }
}
