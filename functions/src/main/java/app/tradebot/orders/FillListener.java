package app.tradebot.orders;

import java.util.UUID;

import org.jdbi.v3.core.Handle;

/**
 * Told, in the transaction that stores them, that new fills of an account's bots were stored: what
 * must follow every fill (the account's equity snapshot) is written with the fills or not at all.
 * Another feature provides it as a bean; the order path knows no listener by name.
 *
 * <p>A replay's fills are not told one by one: they are made at stored candles' times and prices, and until
 * the replay ends its paper account holds coins bought at those prices, which valued now would be a spike
 * in the account's equity history, not its worth. They are told once, in the transaction that stops the
 * replay at the end of its range.
 */
@FunctionalInterface
public interface FillListener {

    FillListener NONE = (transaction, accountId) -> {
    };

    void filled(Handle transaction, UUID accountId);
}
