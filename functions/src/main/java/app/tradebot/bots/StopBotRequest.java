package app.tradebot.bots;

/**
 * {@code POST /api/bots/{id}/stop}: {@code cancelOrders} (default true) cancels the bot's open orders,
 * {@code flatten} (default false) sells its position at market through the order path.
 */
record StopBotRequest(Boolean cancelOrders, Boolean flatten) {

    boolean cancels() {
        return cancelOrders == null || cancelOrders;
    }

    boolean flattens() {
        return flatten != null && flatten;
    }
}
