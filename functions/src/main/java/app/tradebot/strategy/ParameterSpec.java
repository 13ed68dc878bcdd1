package app.tradebot.strategy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One parameter of a strategy: its schema for forms and the check of a submitted value. Bounds are
 * inclusive. A parameter without default is either required or optional (absent means "none", e.g. no
 * stop-loss). {@code label} is what a form shows for it: a built-in's is written for it ({@link #labelled}),
 * otherwise it is read from the name ({@link #labelOf}).
 */
record ParameterSpec(String name, String label, String type, Double min, Double max, Object defaultValue,
        boolean required, String description, List<String> choices) {

    /** Short names rule writers use, as words; {@link #ACRONYMS} are shown in capitals. */
    private static final Map<String, String> WORDS = Map.of("sl", "stop loss", "tp", "take profit", "ts",
            "trailing stop", "len", "length", "pct", "%", "qty", "quantity", "amt", "amount", "thr", "threshold");
    private static final Set<String> ACRONYMS = Set.of("rsi", "sma", "ema", "wma", "macd", "atr", "bb", "vwap");

    static ParameterSpec integer(String name, int min, int max, int defaultValue, String description) {
        return new ParameterSpec(name, labelOf(name), "integer", (double) min, (double) max, defaultValue, false,
                description, null);
    }

    static ParameterSpec number(String name, double min, double max, double defaultValue, String description) {
        return new ParameterSpec(name, labelOf(name), "number", min, max, defaultValue, false, description, null);
    }

    static ParameterSpec requiredNumber(String name, double min, double max, String description) {
        return new ParameterSpec(name, labelOf(name), "number", min, max, null, true, description, null);
    }

    static ParameterSpec optionalNumber(String name, double min, double max, String description) {
        return new ParameterSpec(name, labelOf(name), "number", min, max, null, false, description, null);
    }

    static ParameterSpec choice(String name, String defaultValue, String description, String... choices) {
        return new ParameterSpec(name, labelOf(name), "enum", null, null, defaultValue, false, description,
                List.of(choices));
    }

    /** The same parameter shown as {@code label}. */
    ParameterSpec labelled(String label) {
        return new ParameterSpec(name, label, type, min, max, defaultValue, required, description, choices);
    }

    /**
     * A label read from a parameter's name: {@code amountPerLevel} → "Amount per level", {@code rsi_len} → "RSI
     * length", {@code sl} → "Stop loss" (a rule writer's {@code sl} is no word to show).
     */
    static String labelOf(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Za-z])([0-9])", "$1 $2")
                .replace('_', ' ').replace('-', ' ').trim().toLowerCase(Locale.ROOT);
        if (spaced.isEmpty()) {
            return name;
        }
        StringJoiner words = new StringJoiner(" ");
        for (String word : spaced.split(" +")) {
            words.add(ACRONYMS.contains(word) ? word.toUpperCase(Locale.ROOT) : WORDS.getOrDefault(word, word));
        }
        String label = words.toString();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    StrategyDescriptor.Parameter descriptor() {
        return new StrategyDescriptor.Parameter(name, label, type, min, max, defaultValue, description, choices);
    }

    /** The value as the strategy reads it (Integer, Double or String), or an error message. */
    Object parse(Object raw) {
        return switch (type) {
            case "integer" -> parseInteger(raw);
            case "number" -> parseNumber(raw);
            case "enum" -> parseChoice(raw);
            default -> throw new IllegalStateException("unknown parameter type " + type);
        };
    }

    private Object parseInteger(Object raw) {
        BigDecimal value = decimal(raw);
        if (value == null || value.stripTrailingZeros().scale() > 0) {
            throw new BadValue("must be an integer");
        }
        checkRange(value);
        return value.intValueExact();
    }

    private Object parseNumber(Object raw) {
        BigDecimal value = decimal(raw);
        if (value == null) {
            throw new BadValue("must be a number");
        }
        checkRange(value);
        return value.doubleValue();
    }

    private Object parseChoice(Object raw) {
        if (!(raw instanceof String value) || !choices.contains(value)) {
            throw new BadValue("must be one of " + String.join(", ", choices));
        }
        return value;
    }

    private void checkRange(BigDecimal value) {
        if (min != null && value.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw new BadValue("must be at least " + show(min));
        }
        if (max != null && value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new BadValue("must be at most " + show(max));
        }
    }

    static String show(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** JSON numbers arrive as any of these; NaN and infinities are not numbers a form can send. */
    private static BigDecimal decimal(Object raw) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return null;
    }

    /** A submitted value this parameter rejects; the message completes "&lt;name&gt; ...". */
    static final class BadValue extends RuntimeException {

        BadValue(String message) {
            super(message, null, false, false);
        }
    }
}
