package app.tradebot.orders;

import java.math.BigDecimal;
import java.util.Objects;

import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;

/**
 * One order a bot decided on one candle. A MARKET order gives {@code quantity} (base asset) or, for
 * a buy, {@code quoteQuantity}; a MARKET sell with neither is a sell-all ({@link #sellAll}): it sells
 * what the bot holds when it is sent, rounded down to the step. A LIMIT order gives quantity and
 * price. A PROTECT order ({@link #protect}) carries the protective exits as fractions: {@code stopLoss}
 * below and {@code takeProfit} above the position's average cost, {@code trailingStop} below the highest
 * price since it was placed; the order path prices them and sizes it (all the bot's free base) when it
 * sends it, after the buy before it filled. {@code reason} is the strategy's, shown in the bot's events.
 */
public record OrderIntent(Side side, OrderType type, BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal price,
        BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal trailingStop, String reason) {

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
        if (type == OrderType.PROTECT && (side != Side.SELL || quantity != null || price != null
                || stopLoss == null && takeProfit == null && trailingStop == null)) {
            throw new IllegalArgumentException("a PROTECT order sells the bot's free base and needs an exit");
        }
        if (type != OrderType.PROTECT && (stopLoss != null || takeProfit != null || trailingStop != null)) {
            throw new IllegalArgumentException("exits belong to a PROTECT order");
        }
    }

    /** Protective exits on all the bot's free base, as fractions (each may be null, not all three). */
    public static OrderIntent protect(BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal trailingStop, String reason) {
        return new OrderIntent(Side.SELL, OrderType.PROTECT, null, null, null, stopLoss, takeProfit, trailingStop, reason);
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
        return side == Side.SELL && type == OrderType.MARKET && quantity == null && quoteQuantity == null;
    }
}
