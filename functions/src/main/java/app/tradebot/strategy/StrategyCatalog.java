package app.tradebot.strategy;

import java.util.List;
import java.util.Map;

/** The built-in strategies: their parameter schemas, validation, and fresh instances. */
public interface StrategyCatalog {

    /** The built-in strategies; the same catalog the {@code strategyCatalog} bean is. */
    static StrategyCatalog builtIn() {
        return BuiltInStrategies.INSTANCE;
    }

    List<StrategyDescriptor> list();

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
