package app.tradebot.strategy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The strategies runs are made of: the built-ins and the strategies users write. A request names a
 * strategy as the user sees it (a built-in's name, the user's own strategy's name, or
 * {@code user:<id>}); {@link #pin} turns that into the reference a run stores: a built-in's name, or
 * {@code user:<id>@<version>} for the exact source version. {@link #validate} and {@link #create}
 * take pinned references only, so a worker running a stored request needs no user.
 */
public interface StrategyCatalog {

    /** The built-in strategies; the same catalog the {@code strategyCatalog} bean is. */
    static StrategyCatalog builtIn() {
        return BuiltInStrategies.INSTANCE;
    }

    List<StrategyDescriptor> list();

    /** The built-ins and the user's own strategies. */
    default List<StrategyDescriptor> list(UUID userId) {
        return list();
    }

    /**
     * The reference a run keeps, for a strategy the user picked. Throws
     * {@link app.tradebot.platform.http.Invalid} on field {@code strategy} for an unknown strategy,
     * another user's included.
     */
    default String pin(UUID userId, String strategy) {
        return strategy;
    }

    /** The schema of a built-in or of a pinned user strategy. */
    default Optional<StrategyDescriptor> describe(String strategy) {
        return list().stream().filter(d -> d.name().equals(strategy)).findFirst();
    }

    /**
     * Checks a strategy name and its parameters and fills in defaults. Throws
     * {@link app.tradebot.platform.http.Invalid} naming every unknown, wrong-typed or out-of-range
     * parameter, or the unknown strategy. Its field errors name {@code strategy} and
     * {@code params.<name>}. The result holds Integer, Double and String values in schema order;
     * optional parameters left out (such as stopLoss) are absent.
     */
    Map<String, Object> validate(String strategy, Map<String, Object> params);

    /**
     * A new instance for one run, from parameters {@link #validate} accepted. They are checked again,
     * so parameters read back from JSON (other number types) are fine.
     */
    Strategy create(String strategy, Map<String, Object> validatedParams);
}
