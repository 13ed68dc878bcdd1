package app.tradebot.orders;

import java.math.BigDecimal;

import app.tradebot.exchange.OrderFilters;

/**
 * What a bot holds, from its fills alone: {@code quantity} is bought minus sold, net of commissions
 * taken in the base asset; {@code averageEntryPrice} the average cost of it (fees included, null when
 * nothing is held); {@code realisedPnl} sells against that average cost, fees included, in the quote
 * asset; {@code fees} every commission, valued in the quote asset at its fill's price. {@code flat}
 * when the quantity is below the symbol's minimum quantity or minimum notional: such dust cannot be
 * sold and counts as no position.
 */
public record BotPosition(BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal realisedPnl, BigDecimal fees,
        boolean flat) {

    public static final BotPosition NONE = new BotPosition(BigDecimal.ZERO, null, BigDecimal.ZERO, BigDecimal.ZERO, true);

    /**
     * The position marked at {@code price}, in the quote asset: the quantity times the price less its average
     * cost. Zero when flat (dust is no position) or when there is no price to mark at.
     */
    public BigDecimal unrealisedPnl(BigDecimal price) {
        if (flat || price == null || averageEntryPrice == null) {
            return BigDecimal.ZERO;
        }
        return OrderFilters.plain(price.subtract(averageEntryPrice).multiply(quantity));
    }

    /** Realised plus unrealised at {@code price}: what the bot made, in the quote asset. */
    public BigDecimal pnl(BigDecimal price) {
        return OrderFilters.plain(realisedPnl.add(unrealisedPnl(price)));
    }
}
