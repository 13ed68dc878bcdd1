package app.tradebot.strategy;

import java.util.List;
import java.util.Map;

/** The built-in strategies: their parameter schemas, validation, and fresh instances. */
public interface StrategyCatalog {

    List<StrategyDescriptor> list();

    /**
     * Checks a strategy name and its parameters and fills in defaults. Throws
     * {@link app.tradebot.platform.http.Invalid} naming every unknown, wrong-typed or out-of-range
     * parameter, or the unknown strategy.
     */
    Map<String, Object> validate(String strategy, Map<String, Object> params);

    /** A new instance for one run, from parameters {@link #validate} accepted. */
    Strategy create(String strategy, Map<String, Object> validatedParams);
}
