package app.tradebot.exchange;

import java.math.BigDecimal;

/**
 * An order to place. {@code clientOrderId} is always ours (Binance's {@code newClientOrderId}),
 * chosen and stored before sending. A MARKET order gives {@code quantity} (base asset) or, for a
 * MARKET buy only, {@code quoteQuantity}; a LIMIT order gives {@code quantity} and {@code price}
 * (GTC). A PROTECT order ({@link #protect}) sells {@code quantity} when its stop-loss price
 * ({@code stopPrice}), take-profit price ({@code takeProfitPrice}) or trailing stop ({@code trailingDelta},
 * a fraction below the highest price since it was placed) is reached; at least one is set.
 */
public record OrderRequest(String symbol, Side side, OrderType type, BigDecimal quantity, BigDecimal quoteQuantity,
        BigDecimal price, String clientOrderId, BigDecimal stopPrice, BigDecimal takeProfitPrice,
        BigDecimal trailingDelta) {

    public OrderRequest(String symbol, Side side, OrderType type, BigDecimal quantity, BigDecimal quoteQuantity,
            BigDecimal price, String clientOrderId) {
        this(symbol, side, type, quantity, quoteQuantity, price, clientOrderId, null, null, null);
    }

    /** Protective exits on {@code quantity} of a long position (each of the three may be null). */
    public static OrderRequest protect(String symbol, BigDecimal quantity, BigDecimal stopPrice,
            BigDecimal takeProfitPrice, BigDecimal trailingDelta, String clientOrderId) {
        return new OrderRequest(symbol, Side.SELL, OrderType.PROTECT, quantity, null, null, clientOrderId, stopPrice,
                takeProfitPrice, trailingDelta);
    }

    public static OrderRequest market(String symbol, Side side, BigDecimal quantity, String clientOrderId) {
        return new OrderRequest(symbol, side, OrderType.MARKET, quantity, null, null, clientOrderId);
    }

    public static OrderRequest marketQuote(String symbol, Side side, BigDecimal quoteQuantity, String clientOrderId) {
        return new OrderRequest(symbol, side, OrderType.MARKET, null, quoteQuantity, null, clientOrderId);
    }

    public static OrderRequest limit(String symbol, Side side, BigDecimal quantity, BigDecimal price, String clientOrderId) {
        return new OrderRequest(symbol, side, OrderType.LIMIT, quantity, null, price, clientOrderId);
    }
}
