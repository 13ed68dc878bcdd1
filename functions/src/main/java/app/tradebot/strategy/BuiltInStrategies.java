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
                    smaCross(), emaCross(), rsiReversion(), macdCross(), bollinger(), grid(), dca())
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
            // Echoed back, so kept short.
            String shown = strategy.length() > 40 ? strategy.substring(0, 40) + "…" : strategy;
            throw Invalid.field("strategy", "unknown strategy '" + shown + "'; one of "
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
                        ParameterSpec.integer("fast", 1, 500, 20, "Period of the fast SMA, in candles; less than slow.")
                                .labelled("Fast period"),
                        ParameterSpec.integer("slow", 2, 1000, 50, "Period of the slow SMA, in candles.")
                                .labelled("Slow period")),
                p -> lessThan(p, "fast", "slow"),
                p -> new MovingAverageCross(new Sma(p.integer("fast")), new Sma(p.integer("slow")), p.exits(),
                        p.integer("slow")));
    }

    private static Definition emaCross() {
        return new Definition("ema-cross",
                "Trend following: enter long when the fast exponential moving average of the close crosses above the slow "
                        + "one, exit when it crosses below.",
                withExits(
                        ParameterSpec.integer("fast", 1, 500, 12, "Period of the fast EMA, in candles; less than slow.")
                                .labelled("Fast period"),
                        ParameterSpec.integer("slow", 2, 1000, 26, "Period of the slow EMA, in candles.")
                                .labelled("Slow period")),
                p -> lessThan(p, "fast", "slow"),
                p -> new MovingAverageCross(new Ema(p.integer("fast")), new Ema(p.integer("slow")), p.exits(),
                        p.integer("slow")));
    }

    private static Definition rsiReversion() {
        return new Definition("rsi-reversion",
                "Mean reversion: enter long while the RSI (Wilder) of the close is below oversold, exit while it is above "
                        + "overbought.",
                withExits(
                        ParameterSpec.integer("period", 2, 200, 14, "RSI period, in candles.").labelled("RSI period"),
                        ParameterSpec.number("oversold", 1, 50, 30, "Buy below this RSI; less than overbought.")
                                .labelled("Oversold RSI"),
                        ParameterSpec.number("overbought", 50, 99, 70, "Sell above this RSI.").labelled("Overbought RSI")),
                p -> lessThan(p, "oversold", "overbought"),
                p -> new RsiReversion(p.integer("period"), p.number("oversold"), p.number("overbought"), p.exits()));
    }

    private static Definition macdCross() {
        return new Definition("macd-cross",
                "Trend following: enter long when the MACD line crosses above its signal line, exit when it crosses below.",
                withExits(
                        ParameterSpec.integer("fast", 1, 200, 12, "Period of the fast EMA, in candles; less than slow.")
                                .labelled("Fast period"),
                        ParameterSpec.integer("slow", 2, 500, 26, "Period of the slow EMA, in candles.").labelled("Slow period"),
                        ParameterSpec.integer("signal", 1, 200, 9, "Period of the signal line's EMA of the MACD line.")
                                .labelled("Signal period")),
                p -> lessThan(p, "fast", "slow"),
                p -> new MacdCross(p.integer("fast"), p.integer("slow"), p.integer("signal"), p.exits()));
    }

    private static Definition bollinger() {
        return new Definition("bollinger",
                "Bollinger Bands of the close. breakout: enter long on a close above the upper band, exit on a close below "
                        + "the middle. reversion: enter long on a close below the lower band, exit on a close above the middle.",
                withExits(
                        ParameterSpec.integer("period", 2, 500, 20, "Period of the middle band (SMA) and of the deviation.")
                                .labelled("Band period"),
                        ParameterSpec.number("k", 0.1, 10, 2, "Band width in standard deviations.").labelled("Band width (σ)"),
                        ParameterSpec.choice("mode", "reversion", "breakout: follow a move out of the bands; reversion: "
                                + "buy a dip below them.", "breakout", "reversion")),
                p -> List.of(),
                p -> new Bollinger(p.integer("period"), p.number("k"), p.choice("mode").equals("breakout"), p.exits()));
    }

    private static Definition grid() {
        return new Definition("grid",
                "Grid trading in a price range: a limit buy rests at every level below the price; each filled buy gets a "
                        + "limit sell one level higher, and the level buys again once it sold.",
                List.of(
                        ParameterSpec.requiredNumber("lower", 1e-8, 1e9, "Lowest grid price (quote); required.").labelled("Lower price"),
                        ParameterSpec.requiredNumber("upper", 1e-8, 1e9, "Highest grid price (quote); required, above lower.")
                                .labelled("Upper price"),
                        ParameterSpec.integer("levels", 2, 200, 10, "Number of prices from lower to upper, both included."),
                        ParameterSpec.number("amountPerLevel", 0.01, 1e9, 100, "Quote amount each level buys for.")),
                p -> lessThan(p, "lower", "upper"),
                p -> new Grid(p.number("lower"), p.number("upper"), p.integer("levels"), p.number("amountPerLevel")));
    }

    private static Definition dca() {
        return new Definition("dca",
                "Dollar-cost averaging: buy a fixed quote amount every interval candles and close the whole position once "
                        + "the close is takeProfit above the average entry price.",
                List.of(
                        ParameterSpec.integer("interval", 1, 10_000, 6, "Candles between two buys (6 is daily on 4 h candles).")
                                .labelled("Candles between buys"),
                        ParameterSpec.number("amount", 0.01, 1e9, 100, "Quote amount of each buy.").labelled("Amount per buy"),
                        ParameterSpec.number("takeProfit", 0.001, 10, 0.05,
                                "Take-profit above the average entry price, as a fraction (0.05 = 5 %).")),
                p -> List.of(),
                p -> new Dca(p.integer("interval"), p.number("amount"), p.number("takeProfit")));
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
            return StrategyDescriptor.builtIn(name, description, parameters.stream().map(ParameterSpec::descriptor).toList());
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
