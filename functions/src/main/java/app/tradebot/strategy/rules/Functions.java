package app.tradebot.strategy.rules;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The indicators the language offers. Arguments: {@code series} is any number expression (the
 * indicator sees only the candles where it is defined); {@code period} a whole number literal or
 * integer parameter; {@code number} a number literal or parameter.
 */
final class Functions {

    enum Arg { SERIES, PERIOD, NUMBER }

    record Function(String name, List<Arg> args, List<String> members, List<String> argNames, String description) {

        String signature() {
            return name + "(" + String.join(", ", argNames) + ")"
                    + (members.isEmpty() ? "" : "." + String.join("|", members));
        }
    }

    static final Map<String, Function> ALL = Stream.of(
            new Function("sma", List.of(Arg.SERIES, Arg.PERIOD), List.of(), List.of("series", "period"),
                    "simple moving average"),
            new Function("ema", List.of(Arg.SERIES, Arg.PERIOD), List.of(), List.of("series", "period"),
                    "exponential moving average, seeded with the first value"),
            new Function("wma", List.of(Arg.SERIES, Arg.PERIOD), List.of(), List.of("series", "period"),
                    "weighted moving average"),
            new Function("rsi", List.of(Arg.SERIES, Arg.PERIOD), List.of(), List.of("series", "period"),
                    "relative strength index (Wilder), 0..100"),
            new Function("macd", List.of(Arg.SERIES, Arg.PERIOD, Arg.PERIOD, Arg.PERIOD),
                    List.of("line", "signal", "histogram"), List.of("series", "fast", "slow", "signal"),
                    "MACD: line = ema(fast) - ema(slow), signal = ema of the line, histogram = line - signal"),
            new Function("bb", List.of(Arg.SERIES, Arg.PERIOD, Arg.NUMBER), List.of("upper", "middle", "lower"),
                    List.of("series", "period", "k"), "Bollinger Bands: sma ± k population standard deviations"),
            new Function("atr", List.of(Arg.PERIOD), List.of(), List.of("period"),
                    "average true range of the candles (Wilder)"),
            new Function("stoch", List.of(Arg.PERIOD, Arg.PERIOD), List.of("k", "d"), List.of("kPeriod", "dPeriod"),
                    "stochastic oscillator %K and its sma %D, 0..100"),
            new Function("vwap", List.of(Arg.PERIOD), List.of(), List.of("period"),
                    "volume-weighted average typical price over the last period candles"),
            new Function("donchian", List.of(Arg.PERIOD), List.of("upper", "middle", "lower"), List.of("period"),
                    "highest high, mid-point and lowest low of the last period candles"))
            .collect(Collectors.toUnmodifiableMap(Function::name, f -> f));

    static final List<String> FIELDS = List.of("open", "high", "low", "close", "volume");

    private Functions() {
    }
}
