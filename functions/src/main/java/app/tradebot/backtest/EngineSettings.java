package app.tradebot.backtest;

import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.fill.FillCosts;

/**
 * The engine's inputs besides candles and strategy: fees and slippage in basis points (1 bp = 0.01 %;
 * taker fee: market fills, marketable limits and stops; maker fee: resting limits and take-profit), the
 * sizing, and the symbol's exchange filters ({@code rules}; null: {@link SymbolRules#unfiltered}).
 */
record EngineSettings(double startingBalance, double takerFeeBps, double makerFeeBps, double slippageBps,
        boolean percentSizing, double sizingValue, SymbolRules rules) {

    EngineSettings(double startingBalance, double takerFeeBps, double makerFeeBps, double slippageBps,
            boolean percentSizing, double sizingValue) {
        this(startingBalance, takerFeeBps, makerFeeBps, slippageBps, percentSizing, sizingValue, null);
    }

    FillCosts costs() {
        return FillCosts.ofBps(takerFeeBps, makerFeeBps, slippageBps);
    }

    SymbolRules rulesFor(String symbol) {
        return rules != null ? rules : SymbolRules.unfiltered(symbol, null, null);
    }
}
