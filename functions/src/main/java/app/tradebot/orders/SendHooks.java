package app.tradebot.orders;

import app.tradebot.exchange.Placement;

/**
 * Points of the send where a process can die: right after the claim, and after the exchange answered
 * but before the answer is stored. Production runs {@link #NONE}; the fault-injection tests stop the
 * send there, as a killed worker would.
 */
interface SendHooks {

    SendHooks NONE = new SendHooks() {
    };

    default void claimed(BotOrder order) {
    }

    default void answered(BotOrder order, Placement placement) {
    }
}
