package app.tradebot.exchange.fill;

import java.math.BigDecimal;
import java.math.RoundingMode;

import app.tradebot.exchange.Side;

/**
 * A long position built from fills, and the round trips it closes. A position opens with the first buy
 * while flat and closes when a sell leaves dust ({@link FillModel#dust}): dust stays in the balance and
 * counts as flat. The average cost is the quote spent on the open position over the base it holds (the
 * base commissions included); a sell lowers the cost in proportion, so it keeps the average.
 */
public final class RoundTrips {

    private final FillModel model;
    private BigDecimal held = BigDecimal.ZERO;
    private boolean open;
    private BigDecimal cost = BigDecimal.ZERO;
    private long entryAt;
    private BigDecimal boughtQuantity;
    private BigDecimal boughtQuote;
    private BigDecimal soldQuantity;
    private BigDecimal soldQuote;
    private BigDecimal soldNet;
    private BigDecimal fees;
    // one fill's price is reported as it is
    private int buys;
    private int sells;
    private BigDecimal firstBuy;

    public RoundTrips(FillModel model) {
        this.model = model;
    }

    /** Takes one fill at {@code at}; the round trip it closed, or null. {@code reason} names a sell's cause. */
    public RoundTrip add(long at, Fill fill, String reason) {
        BigDecimal before = held;
        held = held.add(fill.baseChange());
        if (fill.side() == Side.BUY) {
            if (!open) {
                open = true;
                cost = BigDecimal.ZERO;
                entryAt = at;
                boughtQuantity = BigDecimal.ZERO;
                boughtQuote = BigDecimal.ZERO;
                soldQuantity = BigDecimal.ZERO;
                soldQuote = BigDecimal.ZERO;
                soldNet = BigDecimal.ZERO;
                fees = BigDecimal.ZERO;
                buys = 0;
                sells = 0;
                firstBuy = fill.price();
            }
            buys++;
            cost = cost.add(fill.quoteQuantity());
            boughtQuantity = boughtQuantity.add(fill.quantity());
            boughtQuote = boughtQuote.add(fill.quoteQuantity());
            fees = fees.add(fill.commissionInQuote());
            return null;
        }
        if (!open) {
            return null;
        }
        sells++;
        soldQuantity = soldQuantity.add(fill.quantity());
        soldQuote = soldQuote.add(fill.quoteQuantity());
        soldNet = soldNet.add(fill.quoteChange());
        fees = fees.add(fill.commissionInQuote());
        if (!model.dust(held, fill.price())) {
            cost = before.signum() > 0 ? cost.subtract(cost.multiply(fill.quantity()).divide(before, FillModel.SCALE + 8,
                    RoundingMode.HALF_EVEN)) : BigDecimal.ZERO;
            return null;
        }
        open = false;
        cost = BigDecimal.ZERO;
        return new RoundTrip(entryAt, at, buys == 1 ? firstBuy : model.average(boughtQuote, boughtQuantity),
                sells == 1 ? fill.price() : model.average(soldQuote, soldQuantity), FillModel.plain(boughtQuantity), FillModel.plain(fees),
                FillModel.plain(soldNet.subtract(boughtQuote)), reason);
    }

    public boolean open() {
        return open;
    }

    /** All the base held, dust included. */
    public BigDecimal held() {
        return held;
    }

    /** The open position's average cost; null when flat. */
    public BigDecimal averageCost() {
        return open && held.signum() > 0 ? model.average(cost, held) : null;
    }
}
