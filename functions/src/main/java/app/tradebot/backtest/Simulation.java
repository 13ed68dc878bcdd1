package app.tradebot.backtest;

/**
 * What one engine run produced, in doubles: the equity at each candle's close (index 0 = candle
 * {@code from}), how many candles ended in a position, the closed trades and the buys skipped for
 * want of cash.
 */
record Simulation(double startingBalance, double[] equity, int exposedCandles, TradeLog trades, int skippedBuys,
        int from) {

    double finalEquity() {
        return equity.length == 0 ? startingBalance : equity[equity.length - 1];
    }
}
