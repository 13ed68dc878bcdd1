package app.tradebot.strategy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * One parameter of a built-in strategy: its schema for forms and the check of a submitted value.
 * Bounds are inclusive. A parameter without default is either required or optional (absent means
 * "none", e.g. no stop-loss).
 */
record ParameterSpec(String name, String type, Double min, Double max, Object defaultValue, boolean required,
        String description, List<String> choices) {

    static ParameterSpec integer(String name, int min, int max, int defaultValue, String description) {
        return new ParameterSpec(name, "integer", (double) min, (double) max, defaultValue, false, description, null);
    }

    static ParameterSpec number(String name, double min, double max, double defaultValue, String description) {
        return new ParameterSpec(name, "number", min, max, defaultValue, false, description, null);
    }

    static ParameterSpec requiredNumber(String name, double min, double max, String description) {
        return new ParameterSpec(name, "number", min, max, null, true, description, null);
    }

    static ParameterSpec optionalNumber(String name, double min, double max, String description) {
        return new ParameterSpec(name, "number", min, max, null, false, description, null);
    }

    static ParameterSpec choice(String name, String defaultValue, String description, String... choices) {
        return new ParameterSpec(name, "enum", null, null, defaultValue, false, description, List.of(choices));
    }

    StrategyDescriptor.Parameter descriptor() {
        return new StrategyDescriptor.Parameter(name, type, min, max, defaultValue, description, choices);
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
