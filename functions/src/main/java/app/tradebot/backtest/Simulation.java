package app.tradebot.backtest;

/**
 * What one engine run produced, in doubles: the equity at each candle's close (index 0 = candle
 * {@code from}), how many candles ended in a position, the closed trades, the buys skipped for
 * want of cash and the candles where the strategy's rule was undefined (nothing traded).
 */
record Simulation(double startingBalance, double[] equity, int exposedCandles, TradeLog trades, int skippedBuys,
        int from, UndefinedCandles undefined) {

    /** A run on which the strategy could always decide. */
    Simulation(double startingBalance, double[] equity, int exposedCandles, TradeLog trades, int skippedBuys, int from) {
        this(startingBalance, equity, exposedCandles, trades, skippedBuys, from, new UndefinedCandles());
    }

    double finalEquity() {
        return equity.length == 0 ? startingBalance : equity[equity.length - 1];
    }
}
