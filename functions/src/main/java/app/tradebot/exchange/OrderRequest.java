package app.tradebot.exchange;

import java.math.BigDecimal;

/**
 * An order to place. {@code clientOrderId} is always ours (Binance's {@code newClientOrderId}),
 * chosen and stored before sending. A MARKET order gives {@code quantity} (base asset) or, for a
 * MARKET buy only, {@code quoteQuantity}; a LIMIT order gives {@code quantity} and {@code price}
 * (GTC).
 */
public record OrderRequest(String symbol, Side side, OrderType type, BigDecimal quantity, BigDecimal quoteQuantity,
        BigDecimal price, String clientOrderId) {

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
