package app.tradebot.strategy;

import java.util.UUID;
import java.util.function.Predicate;

/**
 * Whether something uses a user strategy, any version, so that it cannot be deleted: a bot configured
 * with it, a backtest or an optimisation queued or running on it. The features that run strategies
 * provide one bean each; {@code deleteStrategy} asks them all. Each guards the race with the delete by a
 * foreign key on {@code user_strategies}.
 */
public interface StrategyUsage {

    boolean inUse(UUID strategyId);

    /** What the user is told when the strategy is in use: what uses it, and what to do first. */
    String refusal();

    static StrategyUsage of(String refusal, Predicate<UUID> inUse) {
        return new StrategyUsage() {

            @Override
            public boolean inUse(UUID strategyId) {
                return inUse.test(strategyId);
            }

            @Override
            public String refusal() {
                return refusal;
            }
        };
    }
}
