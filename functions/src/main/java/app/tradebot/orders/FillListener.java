package app.tradebot.orders;

import java.util.UUID;

import org.jdbi.v3.core.Handle;

/**
 * Told, in the transaction that stores them, that new fills of an account's bots were stored: what
 * must follow every fill (the account's equity snapshot) is written with the fills or not at all.
 * Another feature provides it as a bean; the order path knows no listener by name.
 */
@FunctionalInterface
public interface FillListener {

    FillListener NONE = (transaction, accountId) -> {
    };

    void filled(Handle transaction, UUID accountId);
}
