package app.tradebot.orders;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** reconcileAccountOrders' input: the account one of whose orders was sent without a usable answer. */
record AccountToReconcile(@NotNull UUID accountId) {
}
