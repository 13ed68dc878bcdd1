package app.tradebot.exchange;

import java.math.BigDecimal;

/**
 * A symbol and the filters of exchangeInfo a spot order must meet. A filter value the exchange does
 * not set is {@link BigDecimal#ZERO} ({@code maxNumOrders}: 0).
 * <ul>
 * <li>PRICE_FILTER: {@code tickSize}, {@code minPrice}, {@code maxPrice};</li>
 * <li>LOT_SIZE: {@code stepSize}, {@code minQty}, {@code maxQty} (every order);</li>
 * <li>MARKET_LOT_SIZE: {@code marketStepSize}, {@code marketMinQty}, {@code marketMaxQty} (MARKET orders, on top of LOT_SIZE);</li>
 * <li>NOTIONAL (or the older MIN_NOTIONAL): {@code minNotional}, {@code maxNotional}, and whether each applies to
 * MARKET orders ({@code applyMinToMarket}, {@code applyMaxToMarket}); priced orders always;</li>
 * <li>PERCENT_PRICE_BY_SIDE: a buy's price within [{@code bidMultiplierDown}, {@code bidMultiplierUp}] times the
 * average price, a sell's within [{@code askMultiplierDown}, {@code askMultiplierUp}];</li>
 * <li>MAX_NUM_ORDERS: {@code maxNumOrders} open orders in the symbol at most.</li>
 * </ul>
 */
public record SymbolRules(String symbol, String baseAsset, String quoteAsset, String status, BigDecimal tickSize,
        BigDecimal stepSize, BigDecimal minQty, BigDecimal maxQty, BigDecimal minNotional, BigDecimal minPrice,
        BigDecimal maxPrice, BigDecimal marketStepSize, BigDecimal marketMinQty, BigDecimal marketMaxQty,
        BigDecimal maxNotional, boolean applyMinToMarket, boolean applyMaxToMarket, BigDecimal bidMultiplierUp,
        BigDecimal bidMultiplierDown, BigDecimal askMultiplierUp, BigDecimal askMultiplierDown, int maxNumOrders) {

    /** Binance's MAX_NUM_ORDERS for spot symbols. */
    public static final int DEFAULT_MAX_NUM_ORDERS = 200;
    private static final BigDecimal SATOSHI = new BigDecimal("0.00000001");

    public SymbolRules {
        BigDecimal zero = BigDecimal.ZERO;
        tickSize = tickSize == null ? zero : tickSize;
        stepSize = stepSize == null ? zero : stepSize;
        minQty = minQty == null ? zero : minQty;
        maxQty = maxQty == null ? zero : maxQty;
        minNotional = minNotional == null ? zero : minNotional;
        minPrice = minPrice == null ? zero : minPrice;
        maxPrice = maxPrice == null ? zero : maxPrice;
        marketStepSize = marketStepSize == null ? zero : marketStepSize;
        marketMinQty = marketMinQty == null ? zero : marketMinQty;
        marketMaxQty = marketMaxQty == null ? zero : marketMaxQty;
        maxNotional = maxNotional == null ? zero : maxNotional;
        bidMultiplierUp = bidMultiplierUp == null ? zero : bidMultiplierUp;
        bidMultiplierDown = bidMultiplierDown == null ? zero : bidMultiplierDown;
        askMultiplierUp = askMultiplierUp == null ? zero : askMultiplierUp;
        askMultiplierDown = askMultiplierDown == null ? zero : askMultiplierDown;
    }

    /** PRICE_FILTER's tick, LOT_SIZE and a minimum notional only (the other filters unset, the minimum applying to MARKET orders). */
    public SymbolRules(String symbol, String baseAsset, String quoteAsset, String status, BigDecimal tickSize,
            BigDecimal stepSize, BigDecimal minQty, BigDecimal maxQty, BigDecimal minNotional) {
        this(symbol, baseAsset, quoteAsset, status, tickSize, stepSize, minQty, maxQty, minNotional, null, null, null, null,
                null, null, true, false, null, null, null, null, 0);
    }

    /**
     * The rules of a symbol whose exchange filters are not known (imported candles): prices and quantities
     * on a grid of 0.00000001, no minimum order value, at most {@link #DEFAULT_MAX_NUM_ORDERS} open orders.
     * Unknown assets are called {@code BASE} and {@code QUOTE}.
     */
    public static SymbolRules unfiltered(String symbol, String baseAsset, String quoteAsset) {
        return new SymbolRules(symbol, baseAsset == null ? "BASE" : baseAsset, quoteAsset == null ? "QUOTE" : quoteAsset,
                "TRADING", SATOSHI, SATOSHI, SATOSHI, null, null, null, null, null, null, null, null, true, false, null,
                null, null, null, DEFAULT_MAX_NUM_ORDERS);
    }

    public boolean trading() {
        return "TRADING".equals(status);
    }

    /** A MARKET order's quantity step: MARKET_LOT_SIZE's when set, else LOT_SIZE's. */
    public BigDecimal marketStep() {
        return marketStepSize.signum() > 0 ? marketStepSize : stepSize;
    }

    /** A MARKET order's smallest quantity: both LOT_SIZE and MARKET_LOT_SIZE apply. */
    public BigDecimal marketMin() {
        return minQty.max(marketMinQty);
    }

    /** A MARKET order's largest quantity (0: none). */
    public BigDecimal marketMax() {
        if (maxQty.signum() == 0) {
            return marketMaxQty;
        }
        return marketMaxQty.signum() == 0 ? maxQty : maxQty.min(marketMaxQty);
    }
}
