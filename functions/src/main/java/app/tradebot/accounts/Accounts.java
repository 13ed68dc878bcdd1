package app.tradebot.accounts;

import java.util.UUID;

import app.tradebot.platform.http.NotFound;

/** What the accounts functions share. */
final class Accounts {

    static final String INVALID_FIELDS = "The request has invalid fields.";

    private Accounts() {
    }

    /** Another user's account is as absent as one that never existed. */
    static NotFound notFound(UUID id) {
        return new NotFound("No exchange account " + id + ".");
    }
}
