package app.tradebot.orders;

import java.util.UUID;

import app.tradebot.exchange.Exchange;

/**
 * The exchange account an order was sent through, for the reconciliation: provided from the accounts
 * feature's {@code AccountExchanges} by the application's wiring (orders does not depend on accounts).
 */
public interface OrderExchanges {

    /** The account's exchange; the account belongs to {@code userId}. */
    Exchange exchange(UUID userId, UUID accountId);

    /**
     * Before a paper account's orders are looked up: the paper exchange fills its resting orders and
     * protective exits against the prices since the last sweep. Binance accounts do nothing here.
     */
    default void sweep(UUID userId, UUID accountId) {
    }
}
