package app.tradebot.platform.http;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The API's wire form of a {@link BigDecimal}: a JSON string in plain notation, so that money never
 * passes through a binary floating point number in a browser. It is written with the value's own
 * scale ({@code "0.00000000"}, never {@code 0E-8} or {@code 1E+3}) and read from such a string or,
 * as clients often send, from a JSON number; both are taken digit for digit. A string in any other
 * form ({@code "1e5"}, {@code " 1"}, {@code "NaN"}, {@code ""}) is refused, as is any other JSON
 * value.
 */
public final class DecimalStrings {

    /** What a decimal string looks like; the OpenAPI document describes the same pattern. */
    public static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private DecimalStrings() {
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
                return parser.getDecimalValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = parser.getString();
                if (DECIMAL.matcher(text).matches()) {
                    return new BigDecimal(text);
                }
                return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text,
                        "not a decimal number in plain notation");
            }
            return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
        }
    }
}
