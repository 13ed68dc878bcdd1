package app.tradebot.platform.http;

import java.math.BigDecimal;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the decimals of API answers, checking their wire form on the way. */
public final class JsonDecimals {

    private JsonDecimals() {
    }

    /** A decimal of an answer: the API writes every BigDecimal as a string in plain notation. */
    public static BigDecimal decimal(JsonNode node) {
        assertThat(node).as("a decimal").isNotNull();
        assertThat(node.isString()).as("a decimal is a JSON string, not %s", node).isTrue();
        assertThat(node.asString()).matches(DecimalStrings.DECIMAL);
        return new BigDecimal(node.asString());
    }
}
