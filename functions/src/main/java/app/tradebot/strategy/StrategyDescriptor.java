package app.tradebot.strategy;

import java.util.List;
import java.util.UUID;

/**
 * A strategy as {@code GET /api/strategies} shows it, with the schema a form is built from.
 * {@code reference} is what a run keeps when the strategy is picked now: a built-in's name, or
 * {@code user:<id>@<version>} for the current version of a user's strategy, whose {@code id} and
 * {@code version} are also given (null for a built-in). A request may name either by {@code name}.
 */
public record StrategyDescriptor(String name, Kind kind, UUID id, Integer version, String reference,
        String description, List<Parameter> parameters) {

    /** A built-in strategy, or one a user wrote in the rule language. */
    public enum Kind {
        builtin, user
    }

    static StrategyDescriptor builtIn(String name, String description, List<Parameter> parameters) {
        return new StrategyDescriptor(name, Kind.builtin, null, null, name, description, parameters);
    }

    static StrategyDescriptor user(String name, UUID id, int version, String description, List<Parameter> parameters) {
        return new StrategyDescriptor(name, Kind.user, id, version, UserStrategies.reference(id, version), description,
                parameters);
    }

    /**
     * One parameter. {@code label} is what a form shows for it ("Slow period", "Stop loss"); {@code type} is
     * {@code integer}, {@code number}, {@code boolean} or {@code enum} ({@code choices} lists the values);
     * {@code min}/{@code max} are null when unbounded.
     */
    public record Parameter(String name, String label, String type, Double min, Double max, Object defaultValue,
            String description, List<String> choices) {
    }
}
