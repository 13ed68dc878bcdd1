package app.tradebot.backtest;

/**
 * The engine's inputs besides candles and strategy, as doubles: fees and slippage in basis points
 * (1 bp = 0.01 %). Taker fee: market fills and stops; maker fee: resting limits and take-profit.
 */
record EngineSettings(double startingBalance, double takerFeeBps, double makerFeeBps, double slippageBps,
        boolean percentSizing, double sizingValue) {
}
