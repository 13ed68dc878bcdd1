package app.tradebot.exchange.fill;

import java.math.BigDecimal;

import app.tradebot.exchange.Side;

/**
 * One fill as the fill model prices it: {@code quantity} base units at {@code price},
 * {@code quoteQuantity} = quantity × price, and the commission charged in the asset received (base
 * on a buy, quote on a sell).
 */
public record Fill(Side side, BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal commission,
        String commissionAsset, boolean maker) {

    /** What the account's base balance gains (a buy, net of its commission) or loses (a sell). */
    public BigDecimal baseChange() {
        return side == Side.BUY ? quantity.subtract(commission) : quantity.negate();
    }

    /** What the account's quote balance gains (a sell, net of its commission) or loses (a buy). */
    public BigDecimal quoteChange() {
        return side == Side.BUY ? quoteQuantity.negate() : quoteQuantity.subtract(commission);
    }

    /** The commission valued in the quote asset: a buy's base commission at the fill's price. */
    public BigDecimal commissionInQuote() {
        return side == Side.BUY ? commission.multiply(price) : commission;
    }
}
