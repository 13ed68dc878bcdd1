package app.tradebot.exchange.fill;

import java.math.BigDecimal;

/**
 * What a fill costs besides its price, as fractions (0.001 = 10 bp): the taker fee (MARKET orders,
 * marketable limits, stops), the maker fee (resting limits, take-profit) and the slippage of a taker
 * fill against its reference price.
 */
public record FillCosts(BigDecimal takerFee, BigDecimal makerFee, BigDecimal slippage) {

    public FillCosts {
        for (BigDecimal rate : new BigDecimal[] { takerFee, makerFee, slippage }) {
            if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("fees and slippage must be fractions in [0, 1), not " + rate);
            }
        }
    }

    /** From basis points (1 bp = 0.01 %), exactly: 7.5 bp is 0.00075. */
    public static FillCosts ofBps(double takerFeeBps, double makerFeeBps, double slippageBps) {
        return new FillCosts(bps(takerFeeBps), bps(makerFeeBps), bps(slippageBps));
    }

    private static BigDecimal bps(double value) {
        return FillModel.plain(BigDecimal.valueOf(value).movePointLeft(4));
    }
}
