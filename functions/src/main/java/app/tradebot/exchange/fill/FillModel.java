package app.tradebot.exchange.fill;

import java.math.BigDecimal;
import java.math.RoundingMode;

import app.tradebot.exchange.OrderFilters;
import app.tradebot.exchange.OrderRefused;
import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;

/**
 * The one fill model: how an order of one symbol fills, in exact decimals. The backtest engine, the
 * paper exchange and the replay exchange all fill through it, so a backtest and a bot trade alike.
 *
 * <ol>
 * <li><b>Reference price.</b> A MARKET order fills at the first price after the decision: a backtest or a
 * replay at the next candle's open, a live paper account at the latest price.</li>
 * <li><b>Taker fills</b> (MARKET orders, marketable limits, stops) pay the taker fee and fill
 * {@code slippage} worse than the reference, rounded to the tick against the taker (a buy up, a sell down).</li>
 * <li><b>Limits.</b> A LIMIT order whose price is already reached when it arrives (a buy at or above the
 * reference, a sell at or below) is a taker: it fills at once at the taker price, never beyond its own.
 * Otherwise it rests, from the candle in which it was placed on, and fills whole at its own price with the
 * maker fee when a candle <em>trades through</em> it: a buy when the low is below the price, a sell when the
 * high is above. Touching is not enough (the order may have been behind others at that price); a candle that
 * opens beyond it still fills it at its price (a resting order gets its own price).</li>
 * <li><b>Protective exits</b> ({@link #check}): the stop is the higher of the stop-loss and the trailing stop
 * (high-water mark × (1 - delta), rounded down to the tick) and is checked first, so a candle reaching both
 * stop and take-profit is a loss. A candle whose low reaches the stop (touch: a stop is a trigger, not a
 * queued order) sells at the stop, or at the open when the candle opens below it, as a taker. The
 * take-profit is a resting sell: traded through, it fills at its price with the maker fee. Only after the
 * checks does the candle's high raise the high-water mark, so a candle cannot raise its own stop.</li>
 * <li><b>Fees</b> are charged in the asset received: base on a buy, quote on a sell, rounded up to 8
 * decimals.</li>
 * <li><b>Rounding and filters.</b> Prices are rounded to the tick, quantities down to the step, and every
 * order is checked against LOT_SIZE, MARKET_LOT_SIZE, PRICE_FILTER, PERCENT_PRICE_BY_SIDE (against the
 * reference price), NOTIONAL / MIN_NOTIONAL and MAX_NUM_ORDERS ({@link OrderFilters}).</li>
 * <li><b>Balances.</b> A MARKET buy for a quote amount (how sizing buys) is clipped to the free quote; any
 * other order the free balance cannot pay is refused like Binance refuses it (-2010), after the filters
 * (-1013). A resting order reserves what it may spend: a buy quantity × price of quote, a sell or a
 * protection its quantity of base.</li>
 * </ol>
 */
public final class FillModel {

    /** Quote amounts and commissions carry at most this many decimals (Binance's asset precision). */
    public static final int SCALE = 8;
    /** Binance's message for -2010. */
    public static final String INSUFFICIENT_BALANCE = "Account has insufficient balance for requested action.";

    private final SymbolRules rules;
    private final FillCosts costs;

    private final BigDecimal slipUp;
    private final BigDecimal slipDown;
    // a tick or step that is a power of ten rounds by a change of scale (the common case, and much faster)
    private final int tickScale;
    private final int marketStepScale;

    public FillModel(SymbolRules rules, FillCosts costs) {
        this.rules = rules;
        this.costs = costs;
        this.slipUp = BigDecimal.ONE.add(costs.slippage());
        this.slipDown = BigDecimal.ONE.subtract(costs.slippage());
        this.tickScale = powerOfTenScale(rules.tickSize());
        this.marketStepScale = powerOfTenScale(rules.marketStep());
    }

    /** The scale of a power of ten (0.01 → 2), or Integer.MIN_VALUE for another value. */
    private static int powerOfTenScale(BigDecimal value) {
        if (value.signum() <= 0) {
            return Integer.MIN_VALUE;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.unscaledValue().equals(java.math.BigInteger.ONE) ? stripped.scale() : Integer.MIN_VALUE;
    }

    public SymbolRules rules() {
        return rules;
    }

    public FillCosts costs() {
        return costs;
    }

    // ---- market orders ----

    /** A taker's price against {@code reference}: the slippage worse, rounded to the tick against the taker. */
    public BigDecimal takerPrice(Side side, BigDecimal reference) {
        BigDecimal slipped = costs.slippage().signum() == 0 ? reference
                : reference.multiply(side == Side.BUY ? slipUp : slipDown);
        return tick(slipped, side == Side.BUY ? RoundingMode.UP : RoundingMode.DOWN);
    }

    /**
     * Fills a MARKET order whole at once (a quantity, or a quote quantity for a buy), clipped to the free
     * balance it spends; {@link OrderRejected} when what is left breaks a filter or nothing is free.
     */
    public Fill market(OrderRequest request, BigDecimal reference, BigDecimal freeBase, BigDecimal freeQuote) {
        Side side = request.side();
        BigDecimal price = takerPrice(side, reference);
        if (side == Side.BUY && request.quoteQuantity() != null) {
            BigDecimal spend = quote(request.quoteQuantity());
            boolean short_ = spend.compareTo(freeQuote) > 0;
            BigDecimal quantity = marketQuantity(marketQuantityFor(spend.min(freeQuote), price), short_);
            refuse(() -> marketNotional(quantity, price), short_);
            return fill(side, price, quantity, costs.takerFee(), false);
        }
        if (request.quantity() == null) {
            throw new OrderRefused(400, -1102, "A MARKET order needs a quantity (or, to buy, a quote quantity)");
        }
        BigDecimal quantity = marketQuantity(request.quantity(), false);
        BigDecimal quote = marketNotional(quantity, price);
        if (side == Side.BUY ? quote.compareTo(freeQuote) > 0 : quantity.compareTo(freeBase) > 0) {
            throw insufficient();
        }
        return fill(side, price, quantity, costs.takerFee(), false);
    }

    /** NOTIONAL for a MARKET order; the description is written only for a refusal. */
    private BigDecimal marketNotional(BigDecimal quantity, BigDecimal price) {
        BigDecimal notional = quantity.multiply(price);
        boolean belowMin = rules.applyMinToMarket() && notional.compareTo(rules.minNotional()) < 0;
        boolean aboveMax = rules.applyMaxToMarket() && rules.maxNotional().signum() > 0
                && notional.compareTo(rules.maxNotional()) > 0;
        if (belowMin || aboveMax) {
            OrderFilters.checkNotional(rules, notional, true, quantity.toPlainString() + " at " + price.toPlainString());
        }
        return notional;
    }

    /** What {@code quote} buys at {@code price}, rounded down to the market step. */
    private BigDecimal marketQuantityFor(BigDecimal quote, BigDecimal price) {
        if (marketStepScale != Integer.MIN_VALUE) {
            // truncating once at the step's scale is truncating further, then to the step
            return quote.divide(price, marketStepScale, RoundingMode.DOWN);
        }
        return OrderFilters.roundMarketQuantity(rules, quote.divide(price, quantityScale(), RoundingMode.DOWN));
    }

    private BigDecimal marketQuantity(BigDecimal quantity, boolean short_) {
        if (quantity.signum() <= 0) {
            throw short_ ? insufficient() : new OrderRefused(400, -1013, "Filter failure: MARKET_LOT_SIZE: quantity "
                    + quantity.toPlainString() + " must be positive");
        }
        BigDecimal rounded = marketStepScale != Integer.MIN_VALUE ? roundMarket(quantity) : null;
        if (rounded != null && rounded.signum() > 0 && rounded.compareTo(rules.marketMin()) >= 0
                && (rules.marketMax().signum() == 0 || rounded.compareTo(rules.marketMax()) <= 0)) {
            return rounded;
        }
        // the filters say why, in their words
        return refuse(() -> OrderFilters.checkedMarketQuantity(rules, quantity), short_);
    }

    // ---- limit orders ----

    /**
     * A LIMIT order rounded (price to the tick in the side's favour, quantity down to the step), clipped to
     * the free balance and checked against every filter, with {@code openOrders} resting in the symbol now.
     */
    public OrderRequest limit(OrderRequest request, BigDecimal reference, BigDecimal freeBase, BigDecimal freeQuote,
            int openOrders) {
        if (request.quantity() == null || request.price() == null) {
            throw new OrderRefused(400, -1102, "A LIMIT order needs a quantity and a price");
        }
        if (request.price().signum() <= 0) {
            throw new OrderRefused(400, -1013, "Filter failure: PRICE_FILTER: price " + request.price().toPlainString()
                    + " must be positive");
        }
        Side side = request.side();
        BigDecimal price = OrderFilters.roundPrice(rules, request.price(), side);
        if (price.signum() <= 0) {
            throw new OrderRefused(400, -1013, "Filter failure: PRICE_FILTER: price " + request.price().toPlainString()
                    + " is below the tick size " + rules.tickSize().toPlainString());
        }
        OrderFilters.checkPrice(rules, side, price, reference);
        BigDecimal quantity = OrderFilters.checkedQuantity(rules, request.quantity());
        OrderFilters.checkNotional(rules, quantity.multiply(price), false,
                quantity.toPlainString() + " at " + price.toPlainString());
        if (reserved(side, quantity, price).compareTo(side == Side.BUY ? freeQuote : freeBase) > 0) {
            throw insufficient();
        }
        OrderFilters.checkOpenOrders(rules, openOrders);
        return new OrderRequest(rules.symbol(), side, OrderType.LIMIT, quantity, null, price, request.clientOrderId());
    }

    /** A buy limit at or above the reference (a sell at or below) would not rest: it is a taker. */
    public boolean marketable(Side side, BigDecimal limitPrice, BigDecimal reference) {
        return side == Side.BUY ? reference.compareTo(limitPrice) <= 0 : reference.compareTo(limitPrice) >= 0;
    }

    /** A marketable limit ({@link #limit checked} first): a taker fill at the taker price, never beyond the limit. */
    public Fill takeLimit(OrderRequest limit, BigDecimal reference) {
        BigDecimal taker = takerPrice(limit.side(), reference);
        BigDecimal price = limit.side() == Side.BUY ? taker.min(limit.price()) : taker.max(limit.price());
        return fill(limit.side(), price, limit.quantity(), costs.takerFee(), false);
    }

    /** What a resting order reserves of the asset it spends: a buy quantity × price of quote, a sell its quantity. */
    public static BigDecimal reserved(Side side, BigDecimal quantity, BigDecimal price) {
        return side == Side.BUY ? quantity.multiply(price) : quantity;
    }

    /** A resting limit against one candle's range: its maker fill when the candle traded through its price, else null. */
    public Fill resting(Side side, BigDecimal price, BigDecimal quantity, BigDecimal high, BigDecimal low) {
        boolean through = side == Side.BUY ? low.compareTo(price) < 0 : high.compareTo(price) > 0;
        return through ? fill(side, price, quantity, costs.makerFee(), true) : null;
    }

    // ---- protective exits ----

    /**
     * The protection of {@code quantity} (rounded down to the step) from fractions of
     * the position's average cost (NaN: none), its high-water mark starting at {@code reference}; null when
     * every fraction is NaN. The stop-loss price is rounded down to the tick, the take-profit up.
     */
    public Protection protection(BigDecimal quantity, BigDecimal freeBase, BigDecimal averageCost, BigDecimal reference,
            double stopLoss, double takeProfit, double trailingStop) {
        if (Double.isNaN(stopLoss) && Double.isNaN(takeProfit) && Double.isNaN(trailingStop)) {
            return null;
        }
        BigDecimal stop = Double.isNaN(stopLoss) ? null
                : tick(averageCost.multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(stopLoss))), RoundingMode.DOWN);
        BigDecimal target = Double.isNaN(takeProfit) ? null
                : tick(averageCost.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(takeProfit))), RoundingMode.UP);
        BigDecimal delta = Double.isNaN(trailingStop) ? null : plain(BigDecimal.valueOf(trailingStop));
        return protect(new Protection(quantity, stop, target, delta, delta == null ? null : reference), freeBase);
    }

    /** A protection as requested, its quantity rounded down to the step and checked; the free base must hold it. */
    public Protection protect(Protection requested, BigDecimal freeBase) {
        BigDecimal quantity = OrderFilters.checkedMarketQuantity(rules, requested.quantity());
        if (quantity.compareTo(freeBase) > 0) {
            throw insufficient();
        }
        return new Protection(quantity, requested.stopLoss(), requested.takeProfit(), requested.trailingDelta(),
                requested.highWater());
    }

    /** The stop in force now: the higher of the stop-loss and the trailing stop (null: none). */
    public BigDecimal stop(Protection protection) {
        BigDecimal trailing = trailingStop(protection);
        if (trailing == null) {
            return protection.stopLoss();
        }
        return protection.stopLoss() == null ? trailing : protection.stopLoss().max(trailing);
    }

    private BigDecimal trailingStop(Protection protection) {
        return protection.trailingDelta() == null ? null
                : tick(protection.highWater().multiply(BigDecimal.ONE.subtract(protection.trailingDelta())), RoundingMode.DOWN);
    }

    /** One candle against a protection (the rule in the class comment). */
    public ExitCheck check(Protection protection, BigDecimal open, BigDecimal high, BigDecimal low) {
        BigDecimal trailing = trailingStop(protection);
        BigDecimal stop = protection.stopLoss();
        ExitReason reason = ExitReason.STOP_LOSS;
        if (trailing != null && (stop == null || trailing.compareTo(stop) > 0)) {
            stop = trailing;
            reason = ExitReason.TRAILING_STOP;
        }
        if (stop != null && low.compareTo(stop) <= 0) {
            BigDecimal price = takerPrice(Side.SELL, open.min(stop));
            return new ExitCheck(fill(Side.SELL, price, protection.quantity(), costs.takerFee(), false), reason, null);
        }
        BigDecimal target = protection.takeProfit();
        if (target != null && high.compareTo(target) > 0) {
            return new ExitCheck(fill(Side.SELL, target, protection.quantity(), costs.makerFee(), true),
                    ExitReason.TAKE_PROFIT, null);
        }
        if (protection.highWater() != null && high.compareTo(protection.highWater()) > 0) {
            return new ExitCheck(null, null, protection.withHighWater(plain(high)));
        }
        return new ExitCheck(null, null, protection);
    }

    // ---- sizing and positions ----

    /** A strategy's quote amount as an order's: at most 8 decimals, rounded down. */
    public static BigDecimal quote(double amount) {
        return quote(BigDecimal.valueOf(amount));
    }

    public static BigDecimal quote(BigDecimal amount) {
        return amount.scale() <= SCALE ? amount : amount.setScale(SCALE, RoundingMode.DOWN);
    }

    /**
     * Percent sizing: {@code percent} % of the equity marked at {@code price} (the decision candle's close):
     * all the quote (free and reserved) plus all the base at that price, rounded down to 8 decimals.
     */
    public static BigDecimal percentOfEquity(BigDecimal quoteTotal, BigDecimal baseTotal, BigDecimal price,
            BigDecimal percent) {
        return quote(quoteTotal.add(baseTotal.multiply(price)).multiply(percent).movePointLeft(2));
    }

    /** A market sell of {@code fraction} of {@code held}: rounded down to the market step (1 sells all that can be sold). */
    public BigDecimal sellQuantity(BigDecimal held, BigDecimal fraction) {
        BigDecimal wanted = fraction.compareTo(BigDecimal.ONE) >= 0 ? held : held.multiply(fraction);
        return roundMarket(wanted);
    }

    /**
     * Whether {@code held} base units are dust, a position that counts as flat: what can be sold of it (rounded
     * down to the step) is below the minimum quantity, or worth less than the minimum notional at {@code price}.
     */
    public boolean dust(BigDecimal held, BigDecimal price) {
        BigDecimal sellable = roundMarket(held);
        return sellable.signum() <= 0 || sellable.compareTo(rules.marketMin()) < 0
                || price != null && sellable.multiply(price).compareTo(rules.minNotional()) < 0;
    }

    /** The base quantity {@code quote} buys at {@code price} before rounding (a limit buy sized by its quote amount). */
    public BigDecimal quantityFor(BigDecimal quote, BigDecimal price) {
        return plain(quote.divide(price, quantityScale(), RoundingMode.DOWN));
    }

    /** A candle value or a strategy's number as the decimal it was written as (its shortest representation). */
    public static BigDecimal plainDecimal(double value) {
        // below 4e7 a double's rounding interval holds at most one multiple of 1e-8: when one rounds to
        // the value it is the shortest representation, found without formatting the double
        if (Math.abs(value) < 4e7) {
            long units = Math.round(value * 1e8);
            if (units / 1e8 == value) {
                // plain(valueOf(units, 8)) without stripTrailingZeros' allocations: the same unscaled value and scale
                int scale = SCALE;
                while (scale > 0 && units % 10 == 0) {
                    units /= 10;
                    scale--;
                }
                return BigDecimal.valueOf(units, scale);
            }
        }
        return plain(BigDecimal.valueOf(value));
    }

    /**
     * {@link BigDecimal#doubleValue()} without its detour through a string when the unscaled value and the
     * power of ten are exact doubles (one correctly rounded division, so the same double).
     */
    public static double toDouble(BigDecimal value) {
        int scale = value.scale();
        if (scale >= 0 && scale <= 22 && value.precision() <= 15) {
            return value.unscaledValue().longValue() / TENS[scale];
        }
        return value.doubleValue();
    }

    private static final double[] TENS = new double[23];

    static {
        double ten = 1;
        for (int i = 0; i < TENS.length; i++) {
            TENS[i] = ten;
            ten *= 10;
        }
    }

    /** An average price: quote over quantity, to 8 decimals more than the tick (half-even). */
    public BigDecimal average(BigDecimal quote, BigDecimal quantity) {
        return plain(quote.divide(quantity, Math.max(rules.tickSize().scale(), 0) + SCALE, RoundingMode.HALF_EVEN));
    }

    // ---- the parts ----

    private Fill fill(Side side, BigDecimal price, BigDecimal quantity, BigDecimal feeRate, boolean maker) {
        BigDecimal quote = quantity.multiply(price);
        BigDecimal received = side == Side.BUY ? quantity : quote;
        BigDecimal commission = feeRate.signum() == 0 ? BigDecimal.ZERO
                : received.multiply(feeRate).setScale(SCALE, RoundingMode.UP);
        return new Fill(side, price, quantity, quote, commission, side == Side.BUY ? rules.baseAsset() : rules.quoteAsset(),
                maker);
    }

    private BigDecimal roundMarket(BigDecimal quantity) {
        if (marketStepScale != Integer.MIN_VALUE) {
            return quantity.scale() <= marketStepScale ? quantity : quantity.setScale(marketStepScale, RoundingMode.DOWN);
        }
        return OrderFilters.roundMarketQuantity(rules, quantity);
    }

    private BigDecimal tick(BigDecimal price, RoundingMode mode) {
        if (tickScale != Integer.MIN_VALUE) {
            return price.scale() <= tickScale ? price : price.setScale(tickScale, mode);
        }
        BigDecimal tick = rules.tickSize();
        if (tick.signum() <= 0) {
            return plain(price.setScale(SCALE + 8, mode));
        }
        return plain(price.divide(tick, 0, mode).multiply(tick));
    }

    private int quantityScale() {
        return Math.max(rules.stepSize().scale(), rules.marketStep().scale()) + SCALE;
    }

    private static OrderRejected insufficient() {
        return new OrderRefused(400, -2010, INSUFFICIENT_BALANCE);
    }

    /** A filter refusal becomes "insufficient balance" when the order was clipped to the balance first. */
    private static <T> T refuse(java.util.function.Supplier<T> check, boolean short_) {
        try {
            return check.get();
        }
        catch (OrderRejected e) {
            throw short_ ? insufficient() : e;
        }
    }

    private static void refuse(Runnable check, boolean short_) {
        refuse(() -> {
            check.run();
            return null;
        }, short_);
    }

    static BigDecimal plain(BigDecimal value) {
        return OrderFilters.plain(value);
    }
}
