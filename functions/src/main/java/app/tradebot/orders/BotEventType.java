package app.tradebot.orders;

import java.util.Optional;

import app.tradebot.notify.EventType;

/** What a bot's event log says happened. */
public enum BotEventType {
    /** The bot started, stopped, or stopped itself. */
    BOT_STARTED, BOT_STOPPED,
    /** What the strategy decided on a candle and why. */
    DECISION,
    /** The strategy's deciding rule was undefined on a candle (which expression, and why): nothing traded. */
    UNDEFINED,
    /** An error the bot met (the exchange unreachable, a key that stopped working). */
    ERROR,
    ORDER_SENT, ORDER_ACCEPTED, ORDER_FILLED, ORDER_REJECTED, ORDER_UNKNOWN, ORDER_CANCELED, ORDER_EXPIRED,
    /** A sell-all with nothing (or only dust) to sell: nothing was sent. */
    ORDER_SKIPPED,
    /** An unknown order was found on the exchange and adopted. */
    ORDER_FOUND,
    /** An order with our client order id was found but differs in symbol, side or quantity: not adopted. */
    ORDER_MISMATCH,
    /** Looked for long enough after its send: the exchange never took it. */
    ORDER_NOT_PLACED,
    /** A signal whose order was not placed, sent again under a new client order id. */
    SIGNAL_RESENT,
    /** A signal whose order was not placed, older than the bot's maxSignalAge: not sent again. */
    SIGNAL_DROPPED,
    /** An intent the pre-trade checks refused (free balance, minimum notional, a risk cap): never an order. */
    INTENT_REFUSED,
    /** A loss limit of the bot or its account was reached: the bot stops. */
    RISK_LIMIT_REACHED,
    /** A protective order the exchange does not rest, held by the bot and checked on each closed candle. */
    EXIT_ARMED,
    /** A candle reached an armed protection: its exit is sold at market under its own client order id. */
    EXIT_TRIGGERED;

    /** What a user is told of this event (webhooks, Telegram), if anything. */
    Optional<EventType> notice() {
        return Optional.ofNullable(switch (this) {
            case BOT_STARTED -> EventType.BOT_STARTED;
            case BOT_STOPPED -> EventType.BOT_STOPPED;
            case ORDER_FILLED -> EventType.ORDER_FILLED;
            case ORDER_REJECTED -> EventType.ORDER_REJECTED;
            case RISK_LIMIT_REACHED -> EventType.RISK_LIMIT_REACHED;
            default -> null;
        });
    }
}
