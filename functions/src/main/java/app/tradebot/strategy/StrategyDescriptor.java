package app.tradebot.strategy;

import java.util.List;

/** A strategy as {@code GET /api/strategies} shows it, with the schema a form is built from. */
public record StrategyDescriptor(String name, String description, List<Parameter> parameters) {

    /**
     * One parameter. {@code type} is {@code integer}, {@code number}, {@code boolean} or {@code enum}
     * ({@code choices} lists the values); {@code min}/{@code max} are null when unbounded.
     */
    public record Parameter(String name, String type, Double min, Double max, Object defaultValue,
            String description, List<String> choices) {
    }
}
