package app.tradebot.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.strategy.indicators.Ema;
import app.tradebot.strategy.indicators.Sma;

/**
 * The built-in strategies. Errors name the request fields {@code strategy} and
 * {@code params.<name>}: the shape of every request that picks a strategy.
 */
final class BuiltInStrategies implements StrategyCatalog {

    static final BuiltInStrategies INSTANCE = new BuiltInStrategies();

    private final Map<String, Definition> definitions = Stream.of(
                    smaCross(), emaCross())
            .collect(Collectors.toMap(d -> d.name, d -> d, (a, b) -> a, LinkedHashMap::new));

    private final List<StrategyDescriptor> descriptors = definitions.values().stream()
            .map(Definition::descriptor)
            .toList();

    @Override
    public List<StrategyDescriptor> list() {
        return descriptors;
    }

    @Override
    public Map<String, Object> validate(String strategy, Map<String, Object> params) {
        Definition definition = definition(strategy);
        Map<String, Object> submitted = params == null ? Map.of() : params;
        List<FieldError> errors = new ArrayList<>();
        for (String name : submitted.keySet()) {
            if (definition.parameter(name) == null) {
                errors.add(new FieldError("params." + name, "unknown parameter; " + definition.name + " takes "
                        + definition.parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", "))));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec parameter : definition.parameters) {
            Object raw = submitted.get(parameter.name());
            if (raw == null) {
                if (parameter.defaultValue() != null) {
                    values.put(parameter.name(), parameter.defaultValue());
                }
                else if (parameter.required()) {
                    errors.add(new FieldError("params." + parameter.name(), "is required"));
                }
                continue;
            }
            try {
                values.put(parameter.name(), parameter.parse(raw));
            }
            catch (ParameterSpec.BadValue e) {
                errors.add(new FieldError("params." + parameter.name(), e.getMessage()));
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(definition.crossCheck.apply(new Params(values)));
        }
        if (!errors.isEmpty()) {
            throw new Invalid("The parameters of strategy " + definition.name + " are invalid.", errors);
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    public Strategy create(String strategy, Map<String, Object> validatedParams) {
        // Validated again: parameters stored as JSON come back with other number types.
        return definition(strategy).factory.apply(new Params(validate(strategy, validatedParams)));
    }

    private Definition definition(String strategy) {
        if (strategy == null || strategy.isBlank()) {
            throw Invalid.field("strategy", "is required; one of " + String.join(", ", definitions.keySet()));
        }
        Definition definition = definitions.get(strategy);
        if (definition == null) {
            throw Invalid.field("strategy", "unknown strategy '" + strategy + "'; one of "
                    + String.join(", ", definitions.keySet()));
        }
        return definition;
    }

    // --- the strategies ---------------------------------------------------------------------------------

    private static Definition smaCross() {
        return new Definition("sma-cross",
                "Trend following: enter long when the fast simple moving average of the close crosses above the slow one, "
                        + "exit when it crosses below.",
                withExits(
                        ParameterSpec.integer("fast", 1, 500, 20, "Period of the fast SMA, in candles; less than slow."),
                        ParameterSpec.integer("slow", 2, 1000, 50, "Period of the slow SMA, in candles.")),
                p -> lessThan(p, "fast", "slow"),
                p -> new MovingAverageCross(new Sma(p.integer("fast")), new Sma(p.integer("slow")), p.exits(),
                        p.integer("slow")));
    }

    private static Definition emaCross() {
        return new Definition("ema-cross",
                "Trend following: enter long when the fast exponential moving average of the close crosses above the slow "
                        + "one, exit when it crosses below.",
                withExits(
                        ParameterSpec.integer("fast", 1, 500, 12, "Period of the fast EMA, in candles; less than slow."),
                        ParameterSpec.integer("slow", 2, 1000, 26, "Period of the slow EMA, in candles.")),
                p -> lessThan(p, "fast", "slow"),
                p -> new MovingAverageCross(new Ema(p.integer("fast")), new Ema(p.integer("slow")), p.exits(),
                        p.integer("slow")));
    }

    /** The optional protective exits every trend strategy takes, after its own parameters. */
    private static List<ParameterSpec> withExits(ParameterSpec... own) {
        List<ParameterSpec> parameters = new ArrayList<>(List.of(own));
        parameters.add(ParameterSpec.optionalNumber("stopLoss", 0.001, 0.99,
                "Optional stop-loss below the entry price, as a fraction (0.05 = 5 %)."));
        parameters.add(ParameterSpec.optionalNumber("takeProfit", 0.001, 10,
                "Optional take-profit above the entry price, as a fraction (0.1 = 10 %)."));
        parameters.add(ParameterSpec.optionalNumber("trailingStop", 0.001, 0.99,
                "Optional trailing stop below the highest price since entry, as a fraction (0.05 = 5 %)."));
        return List.copyOf(parameters);
    }

    private static List<FieldError> lessThan(Params p, String smaller, String larger) {
        if (p.number(smaller) < p.number(larger)) {
            return List.of();
        }
        return List.of(new FieldError("params." + smaller,
                "must be less than " + larger + " (" + ParameterSpec.show(p.number(larger)) + ")"));
    }

    private record Definition(String name, String description, List<ParameterSpec> parameters,
            Function<Params, List<FieldError>> crossCheck, Function<Params, Strategy> factory) {

        StrategyDescriptor descriptor() {
            return new StrategyDescriptor(name, description, parameters.stream().map(ParameterSpec::descriptor).toList());
        }

        ParameterSpec parameter(String name) {
            for (ParameterSpec parameter : parameters) {
                if (parameter.name().equals(name)) {
                    return parameter;
                }
            }
            return null;
        }
    }
}
