package app.tradebot.strategy;

import java.util.UUID;

/**
 * Whether something running (a bot) uses a user strategy, any version: such a strategy cannot be
 * deleted. The bots feature provides the bean; without one nothing is in use.
 */
public interface StrategyUsage {

    StrategyUsage NONE = strategyId -> false;

    boolean inUse(UUID strategyId);
}
