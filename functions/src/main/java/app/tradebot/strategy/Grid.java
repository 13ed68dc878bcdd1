package app.tradebot.strategy;

/**
 * grid: {@code levels} prices evenly spaced from lower to upper. Every level below the close gets a
 * resting limit buy of {@code amountPerLevel} (quote); when it fills, a limit sell of the bought
 * quantity rests one level higher; when that fills, the level buys again.
 * <p>
 * The strategy learns of fills from the candles it is shown, with the fill model's trade-through rule:
 * an order placed after candle t may fill from candle t + 1 on, a buy when the low goes below its
 * price, a sell when the high goes above. It never reads a later candle.
 */
final class Grid implements Strategy {

    private static final byte IDLE = 0;
    private static final byte BUYING = 1;
    private static final byte SELLING = 2;

    private final double[] prices;
    private final double amountPerLevel;
    private final byte[] states;
    private final long[] placedAt;
    private long bar = -1;

    Grid(double lower, double upper, int levels, double amountPerLevel) {
        this.prices = new double[levels];
        for (int i = 0; i < levels; i++) {
            prices[i] = i == levels - 1 ? upper : lower + i * (upper - lower) / (levels - 1);
        }
        this.amountPerLevel = amountPerLevel;
        // The top price only ever takes sells.
        this.states = new byte[levels - 1];
        this.placedAt = new long[levels - 1];
    }

    @Override
    public void onBar(Bar candle, Signals signals) {
        bar++;
        for (int i = 0; i < states.length; i++) {
            if (placedAt[i] < bar) {
                if (states[i] == BUYING && candle.low() < prices[i]) {
                    signals.sellLimit(prices[i + 1], amountPerLevel / prices[i]);
                    states[i] = SELLING;
                    placedAt[i] = bar;
                }
                else if (states[i] == SELLING && candle.high() > prices[i + 1]) {
                    states[i] = IDLE;
                }
            }
            if (states[i] == IDLE && prices[i] < candle.close()) {
                signals.buyLimit(prices[i], amountPerLevel);
                states[i] = BUYING;
                placedAt[i] = bar;
            }
        }
    }
}
