package app.tradebot.accounts;

import java.util.UUID;

/**
 * Whether bots have orders on an exchange account whose fate is not settled (sent without an
 * answer, or working on the exchange). Implemented by the order path; changing the account's API
 * keys meanwhile is refused, since those orders could no longer be followed.
 */
public interface UnresolvedOrders {

    boolean any(UUID accountId);
}
