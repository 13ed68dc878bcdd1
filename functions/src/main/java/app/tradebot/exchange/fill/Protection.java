package app.tradebot.exchange.fill;

import java.math.BigDecimal;

/**
 * Protective exits on {@code quantity} base units: a stop-loss price, a take-profit price and a
 * trailing stop {@code trailingDelta} (a fraction) below {@code highWater}, the highest price seen since
 * the protection was placed (it starts at the reference price then). Each may be null (none); at least
 * one is set.
 */
public record Protection(BigDecimal quantity, BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal trailingDelta,
        BigDecimal highWater) {

    public Protection {
        if (quantity == null || quantity.signum() <= 0) {
            throw new IllegalArgumentException("a protection needs a positive quantity, not " + quantity);
        }
        if (stopLoss == null && takeProfit == null && trailingDelta == null) {
            throw new IllegalArgumentException("a protection needs a stop-loss, a take-profit or a trailing stop");
        }
        if (trailingDelta != null && (trailingDelta.signum() <= 0 || trailingDelta.compareTo(BigDecimal.ONE) >= 0
                || highWater == null)) {
            throw new IllegalArgumentException("a trailing stop needs a delta in (0, 1) and a high-water price");
        }
    }

    Protection withHighWater(BigDecimal price) {
        return new Protection(quantity, stopLoss, takeProfit, trailingDelta, price);
    }
}
