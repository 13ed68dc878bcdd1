package app.tradebot.strategy;

import java.util.List;

/** The answer of {@code GET /api/strategies}. */
record StrategyList(List<StrategyDescriptor> strategies) {
}
