package app.tradebot.orders;

import java.util.UUID;

/** Asks for the account's orders to be reconciled now (an order's send ended unknown), not at the next minute. */
@FunctionalInterface
interface ReconcileTrigger {

    void reconcileSoon(UUID accountId);
}
