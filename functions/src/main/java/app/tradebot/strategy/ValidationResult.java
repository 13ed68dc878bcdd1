package app.tradebot.strategy;

import java.util.List;

import app.tradebot.strategy.rules.RuleError;

/**
 * The answer of {@code POST /api/strategies/validate}: the errors at their positions, or the
 * parameter schema and the warm-up (candles, for the defaults) of a source that compiles.
 */
record ValidationResult(boolean valid, List<RuleError> errors, List<StrategyDescriptor.Parameter> parameters,
        Integer warmUp) {
}
