package app.tradebot.exchange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Rounds an order to a symbol's filters and refuses, before anything is sent, what the exchange would
 * refuse anyway. Refusals carry the code Binance would answer with (-1013 filter failure, -1102 missing
 * parameter, -1100 illegal characters) and say what is wrong in numbers.
 */
public final class OrderFilters {

    /** Binance's rule for newClientOrderId. */
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");
    /** Binance's code for a malformed parameter, here a client order id it would not take. */
    public static final int ILLEGAL_CLIENT_ORDER_ID = -1100;
    /** Quote amounts are sent with at most Binance's quote asset precision. */
    private static final int QUOTE_SCALE = 8;

    private OrderFilters() {
    }

    /** Without trailing zeros and never in exponent form: {@code 1000.00000000} is {@code 1000}, not {@code 1E+3}. */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Down to a multiple of stepSize (counted from minQty, as LOT_SIZE counts): never more than asked. */
    public static BigDecimal roundQuantity(SymbolRules rules, BigDecimal quantity) {
        BigDecimal step = rules.stepSize();
        if (step.signum() <= 0) {
            return plain(quantity);
        }
        BigDecimal base = quantity.compareTo(rules.minQty()) >= 0 ? rules.minQty() : BigDecimal.ZERO;
        BigDecimal steps = quantity.subtract(base).divide(step, 0, RoundingMode.DOWN);
        return plain(base.add(steps.multiply(step)));
    }

    /** To a multiple of tickSize, in the side's favour: a buy never pays more, a sell never asks less. */
    public static BigDecimal roundPrice(SymbolRules rules, BigDecimal price, Side side) {
        BigDecimal tick = rules.tickSize();
        if (tick.signum() <= 0) {
            return plain(price);
        }
        RoundingMode mode = side == Side.BUY ? RoundingMode.DOWN : RoundingMode.UP;
        return plain(price.divide(tick, 0, mode).multiply(tick));
    }

    /**
     * The request rounded to the filters, or {@link OrderRejected} saying why it cannot be placed.
     * {@code marketPrice} (the latest price) prices a MARKET order's notional; LIMIT orders use their own.
     */
    public static OrderRequest prepare(SymbolRules rules, OrderRequest request, BigDecimal marketPrice) {
        if (request.clientOrderId() == null || !CLIENT_ORDER_ID.matcher(request.clientOrderId()).matches()) {
            throw new OrderRefused(400, ILLEGAL_CLIENT_ORDER_ID, "Illegal client order id '" + request.clientOrderId()
                    + "': 1 to 36 characters of letters, digits and . : / _ -");
        }
        if (!rules.trading()) {
            throw new OrderRefused(400, -1013, rules.symbol() + " is not trading (status " + rules.status() + ")");
        }
        if (request.side() == null || request.type() == null) {
            throw new OrderRefused(400, -1102, "An order needs a side and a type");
        }
        if (request.type() != OrderType.LIMIT && request.type() != OrderType.MARKET) {
            // never let a protective order (paper only) pass for a MARKET sell
            throw new OrderRefused(400, -1116, "Invalid orderType " + request.type() + ": only MARKET and LIMIT orders"
                    + " are sent to the exchange; protective exits are checked by the bot on each closed candle");
        }
        if (request.type() == OrderType.LIMIT) {
            if (request.quantity() == null || request.price() == null) {
                throw new OrderRefused(400, -1102, "A LIMIT order needs a quantity and a price");
            }
            if (request.price().signum() <= 0) {
                throw new OrderRefused(400, -1013, "Filter failure: PRICE_FILTER: price " + request.price().toPlainString()
                        + " must be positive");
            }
            BigDecimal price = roundPrice(rules, request.price(), request.side());
            if (price.signum() <= 0) {
                throw new OrderRefused(400, -1013, "Filter failure: PRICE_FILTER: price " + request.price().toPlainString()
                        + " is below the tick size " + rules.tickSize().toPlainString());
            }
            checkPrice(rules, request.side(), price, marketPrice);
            BigDecimal quantity = checkedQuantity(rules, request.quantity());
            checkNotional(rules, quantity.multiply(price), false, quantity.toPlainString() + " at " + price.toPlainString());
            return new OrderRequest(rules.symbol(), request.side(), OrderType.LIMIT, quantity, null, price,
                    request.clientOrderId());
        }
        if (request.price() != null) {
            throw new OrderRefused(400, -1106, "A MARKET order takes no price");
        }
        if ((request.quantity() == null) == (request.quoteQuantity() == null)) {
            throw new OrderRefused(400, -1102, "A MARKET order needs either a quantity or a quote quantity, not both");
        }
        if (request.quoteQuantity() != null) {
            if (request.side() != Side.BUY) {
                throw new OrderRefused(400, -1102, "A quote quantity is for MARKET buys; a sell gives its quantity");
            }
            BigDecimal quote = plain(request.quoteQuantity().setScale(QUOTE_SCALE, RoundingMode.DOWN));
            if (quote.signum() <= 0) {
                throw new OrderRefused(400, -1013, "Filter failure: NOTIONAL: quote quantity must be positive");
            }
            checkNotional(rules, quote, true, "a buy for " + quote.toPlainString() + " " + rules.quoteAsset());
            if (marketPrice != null && roundQuantity(rules, quote.divide(marketPrice, rules.stepSize().scale() + 2,
                    RoundingMode.DOWN)).compareTo(rules.minQty()) < 0) {
                throw new OrderRefused(400, -1013, "Filter failure: LOT_SIZE: " + quote.toPlainString() + " "
                        + rules.quoteAsset() + " buys less than the minimum quantity " + rules.minQty().toPlainString()
                        + " at " + marketPrice.toPlainString());
            }
            return new OrderRequest(rules.symbol(), Side.BUY, OrderType.MARKET, null, quote, null, request.clientOrderId());
        }
        BigDecimal quantity = checkedMarketQuantity(rules, request.quantity());
        if (marketPrice != null) {
            checkNotional(rules, quantity.multiply(marketPrice), true, quantity.toPlainString() + " at about "
                    + marketPrice.toPlainString());
        }
        return new OrderRequest(rules.symbol(), request.side(), OrderType.MARKET, quantity, null, null, request.clientOrderId());
    }

    /** LOT_SIZE: the quantity rounded down to the step, at least minQty and at most maxQty. */
    public static BigDecimal checkedQuantity(SymbolRules rules, BigDecimal requested) {
        if (requested.signum() <= 0) {
            throw new OrderRefused(400, -1013, "Filter failure: LOT_SIZE: quantity " + requested.toPlainString()
                    + " must be positive");
        }
        BigDecimal quantity = roundQuantity(rules, requested);
        if (quantity.signum() <= 0 || quantity.compareTo(rules.minQty()) < 0) {
            throw new OrderRefused(400, -1013, "Filter failure: LOT_SIZE: quantity " + requested.toPlainString()
                    + " is below the minimum " + rules.minQty().toPlainString() + " of " + rules.symbol());
        }
        if (rules.maxQty().signum() > 0 && quantity.compareTo(rules.maxQty()) > 0) {
            throw new OrderRefused(400, -1013, "Filter failure: LOT_SIZE: quantity " + requested.toPlainString()
                    + " is above the maximum " + rules.maxQty().toPlainString() + " of " + rules.symbol());
        }
        return quantity;
    }

    /** Down to a MARKET order's step (MARKET_LOT_SIZE's, else LOT_SIZE's). */
    public static BigDecimal roundMarketQuantity(SymbolRules rules, BigDecimal quantity) {
        BigDecimal step = rules.marketStep();
        if (step.signum() <= 0) {
            return plain(quantity);
        }
        return plain(quantity.divide(step, 0, RoundingMode.DOWN).multiply(step));
    }

    /** LOT_SIZE and MARKET_LOT_SIZE: a MARKET order's quantity rounded down to its step and within both ranges. */
    public static BigDecimal checkedMarketQuantity(SymbolRules rules, BigDecimal requested) {
        if (requested.signum() <= 0) {
            throw new OrderRefused(400, -1013, "Filter failure: LOT_SIZE: quantity " + requested.toPlainString()
                    + " must be positive");
        }
        BigDecimal quantity = roundMarketQuantity(rules, requested);
        if (quantity.signum() <= 0) {
            throw new OrderRefused(400, -1013, "Filter failure: "
                    + (rules.marketStepSize().signum() > 0 ? "MARKET_LOT_SIZE" : "LOT_SIZE") + ": quantity "
                    + requested.toPlainString() + " is below the minimum "
                    + plain(rules.marketMin().max(rules.marketStep())).toPlainString() + " of " + rules.symbol());
        }
        for (boolean market : new boolean[] { false, true }) {
            BigDecimal min = market ? rules.marketMinQty() : rules.minQty();
            BigDecimal max = market ? rules.marketMaxQty() : rules.maxQty();
            String filter = market ? "MARKET_LOT_SIZE" : "LOT_SIZE";
            if (quantity.compareTo(min) < 0) {
                throw new OrderRefused(400, -1013, "Filter failure: " + filter + ": quantity " + requested.toPlainString()
                        + " is below the minimum " + min.toPlainString() + " of " + rules.symbol());
            }
            if (max.signum() > 0 && quantity.compareTo(max) > 0) {
                throw new OrderRefused(400, -1013, "Filter failure: " + filter + ": quantity " + requested.toPlainString()
                        + " is above the maximum " + max.toPlainString() + " of " + rules.symbol());
            }
        }
        return quantity;
    }

    /**
     * PRICE_FILTER (minPrice, maxPrice; the tick is the caller's rounding) and PERCENT_PRICE_BY_SIDE against
     * {@code averagePrice} (Binance's average of the last minutes; null skips the check).
     */
    public static void checkPrice(SymbolRules rules, Side side, BigDecimal price, BigDecimal averagePrice) {
        if (rules.minPrice().signum() > 0 && price.compareTo(rules.minPrice()) < 0) {
            throw new OrderRefused(400, -1013, "Filter failure: PRICE_FILTER: price " + price.toPlainString()
                    + " is below the minimum " + rules.minPrice().toPlainString() + " of " + rules.symbol());
        }
        if (rules.maxPrice().signum() > 0 && price.compareTo(rules.maxPrice()) > 0) {
            throw new OrderRefused(400, -1013, "Filter failure: PRICE_FILTER: price " + price.toPlainString()
                    + " is above the maximum " + rules.maxPrice().toPlainString() + " of " + rules.symbol());
        }
        if (averagePrice == null) {
            return;
        }
        BigDecimal up = side == Side.BUY ? rules.bidMultiplierUp() : rules.askMultiplierUp();
        BigDecimal down = side == Side.BUY ? rules.bidMultiplierDown() : rules.askMultiplierDown();
        if (up.signum() > 0 && price.compareTo(averagePrice.multiply(up)) > 0
                || down.signum() > 0 && price.compareTo(averagePrice.multiply(down)) < 0) {
            throw new OrderRefused(400, -1013, "Filter failure: PERCENT_PRICE_BY_SIDE: a " + side.name().toLowerCase()
                    + " at " + price.toPlainString() + " is outside " + plain(down).toPlainString() + " to "
                    + plain(up).toPlainString() + " times the average price " + averagePrice.toPlainString());
        }
    }

    /** NOTIONAL / MIN_NOTIONAL: a priced order always, a MARKET order where the filter applies to market orders. */
    public static void checkNotional(SymbolRules rules, BigDecimal notional, boolean market, String what) {
        if ((!market || rules.applyMinToMarket()) && notional.compareTo(rules.minNotional()) < 0) {
            throw new OrderRefused(400, -1013, "Filter failure: NOTIONAL: " + what + " is "
                    + notional.stripTrailingZeros().toPlainString() + " " + rules.quoteAsset()
                    + ", below the minimum order value of " + rules.minNotional().toPlainString() + " " + rules.quoteAsset()
                    + " for " + rules.symbol());
        }
        if ((!market || rules.applyMaxToMarket()) && rules.maxNotional().signum() > 0
                && notional.compareTo(rules.maxNotional()) > 0) {
            throw new OrderRefused(400, -1013, "Filter failure: NOTIONAL: " + what + " is "
                    + notional.stripTrailingZeros().toPlainString() + " " + rules.quoteAsset()
                    + ", above the maximum order value of " + rules.maxNotional().toPlainString() + " " + rules.quoteAsset()
                    + " for " + rules.symbol());
        }
    }

    /** MAX_NUM_ORDERS: one more resting order must stay within the symbol's limit. */
    public static void checkOpenOrders(SymbolRules rules, int openOrders) {
        if (rules.maxNumOrders() > 0 && openOrders >= rules.maxNumOrders()) {
            throw new OrderRefused(400, -1013, "Filter failure: MAX_NUM_ORDERS: " + rules.symbol() + " already has "
                    + openOrders + " open orders, the most it allows");
        }
    }
}
