package app.tradebot.platform.http;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The API's wire form of a {@link BigDecimal}: a JSON string in plain notation, so that money never
 * passes through a binary floating point number in a browser. It is written with the value's own
 * scale ({@code "0.00000000"}, never {@code 0E-8} or {@code 1E+3}) and read from such a string or,
 * as clients often send, from a JSON number; both are taken digit for digit. A string in any other
 * form ({@code "1e5"}, {@code " 1"}, {@code "NaN"}, {@code ""}) is refused, as is any other JSON
 * value.
 * <p>
 * Every decimal the API reads (JSON strings and numbers, untyped JSON numbers, CSV cells) is held
 * to {@value #MAX_INTEGER_DIGITS} digits before the point and {@value #MAX_SCALE} after it, checked
 * before any arithmetic: a million digits or {@code 1e100000000} would otherwise cost minutes of CPU
 * in parsing, comparing or printing, and no price, quantity or balance needs more.
 */
public final class DecimalStrings {

    /** What a decimal string looks like; the OpenAPI document describes the same pattern. */
    public static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** Digits before the point, leading zeros aside: 10^20 is far above any amount. */
    public static final int MAX_INTEGER_DIGITS = 20;
    /** Digits after the point: Ethereum's 18 decimals are the finest unit an exchange uses. */
    public static final int MAX_SCALE = 18;
    /** The longest text looked at: a sign, the digits, a point, and room for leading zeros. */
    public static final int MAX_LENGTH = 64;
    /** How a refused decimal is described to the caller. */
    public static final String LIMITS = "must be a decimal number with at most " + MAX_INTEGER_DIGITS
            + " digits before the point and " + MAX_SCALE + " after it";

    private DecimalStrings() {
    }

    /**
     * The decimal a plain-notation text holds ({@link #DECIMAL}), or empty when it has another
     * form or is outside the limits. The length is checked first, so a huge text costs nothing.
     */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(text);
        return withinLimits(value) ? Optional.of(value) : Optional.empty();
    }

    /**
     * Whether a decimal, however it was read, is within the limits. Looks only at its precision and
     * scale, so {@code 1E+100000000} is refused at once.
     */
    public static boolean withinLimits(BigDecimal value) {
        int scale = value.scale();
        if (scale > MAX_SCALE) {
            return false;
        }
        // Digits before the point: precision - scale, computed in long so that a huge negative scale cannot wrap.
        return (long) value.precision() - scale <= MAX_INTEGER_DIGITS;
    }

    public static SimpleModule module() {
        return new SimpleModule("tradebot-decimal-strings")
                .addSerializer(BigDecimal.class, new Writer())
                .addDeserializer(BigDecimal.class, new Reader());
    }

    static final class Writer extends StdSerializer<BigDecimal> {

        Writer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(value.toPlainString());
        }
    }

    static final class Reader extends StdScalarDeserializer<BigDecimal> {

        Reader() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal value = parser.getDecimalValue();
                if (withinLimits(value)) {
                    return value;
                }
                throw new OutOfLimits(parser, null);
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = parser.getString();
                Optional<BigDecimal> value = parse(text);
                if (value.isPresent()) {
                    return value.get();
                }
                // The text itself is not kept whole: it may be megabytes long.
                if (text.length() > MAX_LENGTH || DECIMAL.matcher(text).matches()) {
                    throw new OutOfLimits(parser, shown(text));
                }
                return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text,
                        "not a decimal number in plain notation");
            }
            return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
        }

        private static String shown(String text) {
            return text.length() > 30 ? text.substring(0, 30) + "…" : text;
        }
    }

    /** A decimal in the right form but beyond {@link #MAX_INTEGER_DIGITS} or {@link #MAX_SCALE}. */
    static final class OutOfLimits extends InvalidFormatException {

        OutOfLimits(JsonParser parser, Object value) {
            super(parser, LIMITS, value, BigDecimal.class);
        }
    }
}
