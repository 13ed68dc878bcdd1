package app.tradebot.exchange;

import java.math.BigDecimal;

/**
 * A symbol and the filters of exchangeInfo an order must meet: PRICE_FILTER {@code tickSize},
 * LOT_SIZE {@code stepSize}/{@code minQty}/{@code maxQty}, MIN_NOTIONAL or NOTIONAL {@code minNotional}.
 * A filter the exchange does not set is {@link BigDecimal#ZERO}.
 */
public record SymbolRules(String symbol, String baseAsset, String quoteAsset, String status, BigDecimal tickSize,
        BigDecimal stepSize, BigDecimal minQty, BigDecimal maxQty, BigDecimal minNotional) {

    public boolean trading() {
        return "TRADING".equals(status);
    }
}
