package app.tradebot.platform.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalStringsTest {

    record Amounts(BigDecimal amount, double ratio, int count, Map<String, Object> params) {
    }

    record Answer(BigDecimal amount, List<BigDecimal> list, Map<String, BigDecimal> byAsset, Object untyped) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final ApiFunctions http = new ApiFunctions(json, Validation.buildDefaultValidatorFactory().getValidator());
    private final List<Amounts> received = new ArrayList<>();
    private final ApiFunction echo = http.of(Amounts.class, Void.class, 204, (body, request) -> {
        received.add(body);
        return null;
    });

    @Test
    void answersWriteEveryDecimalAsAPlainStringWithItsOwnScale() {
        ApiFunction answer = http.of(Void.class, Answer.class, 200, (body, request) -> new Answer(new BigDecimal("1E+3"),
                List.of(new BigDecimal("0E-8"), new BigDecimal("0.10"), new BigDecimal("-1.5E-7")),
                Map.of("BTC", new BigDecimal("12345678901234567890.123456789012")), new BigDecimal("100.12345679")));

        String body = answer.apply(ApiEvents.get("/api/answer").event()).getBody();

        assertThat(body).isEqualTo("""
                {"amount":"1000","list":["0.00000000","0.10","-0.00000015"],\
                "byAsset":{"BTC":"12345678901234567890.123456789012"},"untyped":"100.12345679"}""");
    }

    @Test
    void aDecimalIsReadExactlyFromAPlainStringOrFromANumber() {
        Map<String, BigDecimal> cases = Map.of(
                "\"10000\"", new BigDecimal("10000"),
                "\"0.001\"", new BigDecimal("0.001"),
                "\"-2.50\"", new BigDecimal("-2.50"),
                "\"12345678.123456789012345\"", new BigDecimal("12345678.123456789012345"),
                "10000", new BigDecimal("10000"),
                "0.001", new BigDecimal("0.001"),
                "10000.00", new BigDecimal("10000.00"),
                "12345678.123456789012345", new BigDecimal("12345678.123456789012345"),
                "0.1", new BigDecimal("0.1"));
        cases.forEach((wire, expected) -> {
            received.clear();
            APIGatewayV2HTTPResponse response = echo.apply(ApiEvents.post("/api/echo",
                    "{\"amount\":" + wire + ",\"ratio\":0.25,\"count\":3,\"params\":{\"fast\":10,\"k\":1.5}}").event());

            assertThat(response.getStatusCode()).as(wire).isEqualTo(204);
            // equals, not compareTo: the scale that was sent is the scale that is read
            assertThat(received).as(wire).singleElement().extracting(Amounts::amount).isEqualTo(expected);
        });
    }

    @Test
    void otherFieldsReadNumbersAsBefore() {
        echo.apply(ApiEvents.post("/api/echo", "{\"amount\":\"1\",\"ratio\":0.25,\"count\":3,\"params\":{\"fast\":10,\"k\":1.5}}")
                .event());

        Amounts body = received.get(0);
        assertThat(body.ratio()).isEqualTo(0.25);
        assertThat(body.count()).isEqualTo(3);
        assertThat(((Number) body.params().get("fast")).intValue()).isEqualTo(10);
        assertThat(((Number) body.params().get("k")).doubleValue()).isEqualTo(1.5);
    }

    @Test
    void anythingElseIsA400NamingTheField() {
        for (String wrong : List.of("true", "\"abc\"", "\"1e5\"", "\"1E+3\"", "\"NaN\"", "\"Infinity\"", "\"\"", "\" 1\"",
                "\"1 \"", "\"1.\"", "\".5\"", "\"+1\"", "\"1,5\"", "{}", "[1]")) {
            APIGatewayV2HTTPResponse response = echo.apply(ApiEvents.post("/api/echo",
                    "{\"amount\":" + wrong + ",\"ratio\":0.25,\"count\":3}").event());

            assertThat(response.getStatusCode()).as(wrong).isEqualTo(400);
            JsonNode problem = json.readTree(response.getBody());
            assertThat(problem.get("errors")).as(wrong).hasSize(1);
            assertThat(problem.get("errors").get(0).get("field").asString()).as(wrong).isEqualTo("amount");
            assertThat(problem.get("errors").get(0).get("message").asString()).as(wrong).isEqualTo("must be a number");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void onlyDecimalsAreRelaxedEveryOtherTypeStaysStrict() {
        APIGatewayV2HTTPResponse response = echo.apply(ApiEvents.post("/api/echo",
                "{\"amount\":\"1\",\"ratio\":\"0.25\",\"count\":\"3\"}").event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(response.getBody()).get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("count");
        assertThat(errors.get(0).get("message").asString()).isEqualTo("must be an integer");
        assertThat(errors.get(1).get("field").asString()).isEqualTo("ratio");
        assertThat(errors.get(1).get("message").asString()).isEqualTo("must be a number");
        assertThat(received).isEmpty();
    }

    @Test
    void theMapperHandedToApiFunctionsIsLeftAsItWas() {
        assertThat(json.writeValueAsString(new BigDecimal("0.10"))).isEqualTo("0.10");
    }
}
