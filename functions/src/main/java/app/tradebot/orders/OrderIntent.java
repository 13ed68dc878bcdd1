package app.tradebot.orders;

import java.math.BigDecimal;
import java.util.Objects;

import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;

/**
 * One order a bot decided on one candle. A MARKET order gives {@code quantity} (base asset) or, for
 * a buy, {@code quoteQuantity}; a MARKET sell with neither is a sell-all ({@link #sellAll}): it sells
 * what the bot holds when it is sent, rounded down to the step. A LIMIT order gives quantity and
 * price. The protective exits (prices; {@code trailingStop} a fraction of the high water mark) are
 * null when the strategy sets none. {@code reason} is the strategy's, shown in the bot's events.
 */
public record OrderIntent(Side side, OrderType type, BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal price,
        BigDecimal stopPrice, BigDecimal takeProfitPrice, BigDecimal trailingStop, String reason) {

    public OrderIntent {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        reason = reason == null ? "" : reason;
        if (quantity != null && quoteQuantity != null) {
            throw new IllegalArgumentException("an order gives a quantity or a quote quantity, not both");
        }
        if (type == OrderType.LIMIT && (quantity == null || price == null)) {
            throw new IllegalArgumentException("a LIMIT order needs a quantity and a price");
        }
        if (quoteQuantity != null && side != Side.BUY) {
            throw new IllegalArgumentException("a quote quantity is for buys");
        }
        if (quantity == null && quoteQuantity == null && side == Side.BUY) {
            throw new IllegalArgumentException("a buy needs a quantity or a quote quantity");
        }
    }

    public static OrderIntent market(Side side, BigDecimal quantity, String reason) {
        return new OrderIntent(side, OrderType.MARKET, Objects.requireNonNull(quantity, "quantity"), null, null, null, null,
                null, reason);
    }

    /** A MARKET buy spending {@code quoteQuantity} of the quote asset. */
    public static OrderIntent marketQuote(BigDecimal quoteQuantity, String reason) {
        return new OrderIntent(Side.BUY, OrderType.MARKET, null, Objects.requireNonNull(quoteQuantity, "quoteQuantity"),
                null, null, null, null, reason);
    }

    public static OrderIntent limit(Side side, BigDecimal quantity, BigDecimal price, String reason) {
        return new OrderIntent(side, OrderType.LIMIT, quantity, null, price, null, null, null, reason);
    }

    /** Sells the bot's whole position at market, rounded down to the step; nothing is sent when it is dust. */
    public static OrderIntent sellAll(String reason) {
        return new OrderIntent(Side.SELL, OrderType.MARKET, null, null, null, null, null, null, reason);
    }

    public boolean isSellAll() {
        return side == Side.SELL && quantity == null && quoteQuantity == null;
    }
}
