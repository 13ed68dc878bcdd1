package app.tradebot.platform.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker sends to any route: decimals too long or too large to compute with, control
 * characters in text, parameters and field names, bodies of the wrong type or size. Each is a 400
 * (413, 415) naming what is wrong, answered at once, and the handler never runs.
 */
class HostileInputTest {

    record Account(@NotBlank String name, Map<String, BigDecimal> balances, Map<String, Object> params, List<String> tags) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final ApiFunctions http = new ApiFunctions(json, Validation.buildDefaultValidatorFactory().getValidator());
    private final List<Account> received = new ArrayList<>();
    private final ApiFunction create = http.of(Account.class, Void.class, 204, (body, request) -> {
        received.add(body);
        return null;
    });
    private final ApiFunction list = http.of(Void.class, Void.class, 204, (body, request) -> null);

    @Test
    void aDecimalStringAsLongAsTheBodyLimitAllowsIsRefusedFast() {
        String nines = "9".repeat(60_000);

        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response = create.apply(ApiEvents.post("/api/accounts",
                "{\"name\":\"a\",\"balances\":{\"USDT\":\"" + nines + "\"}}").event());

        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
        assertFieldErrors(response, 400, Map.of("balances.USDT", DecimalStrings.LIMITS));
    }

    @Test
    void decimalsBeyondThePrecisionOrScaleAreRefused() {
        for (String wire : List.of("\"123456789012345678901\"", "123456789012345678901", "1e100000000", "1E+21",
                "\"0.0000000000000000001\"", "0.0000000000000000001")) {
            APIGatewayV2HTTPResponse response = create.apply(ApiEvents.post("/api/accounts",
                    "{\"name\":\"a\",\"balances\":{\"USDT\":" + wire + "}}").event());

            assertFieldErrors(response, 400, Map.of("balances.USDT", DecimalStrings.LIMITS));
        }
        APIGatewayV2HTTPResponse edge = create.apply(ApiEvents.post("/api/accounts",
                "{\"name\":\"a\",\"balances\":{\"USDT\":\"12345678901234567890.123456789012345678\"}}").event());
        assertThat(edge.getStatusCode()).isEqualTo(204);
        assertThat(received.get(0).balances().get("USDT")).isEqualTo(new BigDecimal("12345678901234567890.123456789012345678"));
    }

    @Test
    void untypedNumbersAreHeldToTheSameLimits() {
        APIGatewayV2HTTPResponse response = create.apply(ApiEvents.post("/api/accounts",
                "{\"name\":\"a\",\"params\":{\"fast\":1e100000000,\"list\":[1,2e400]}}").event());

        assertFieldErrors(response, 400, Map.of("params.fast", DecimalStrings.LIMITS, "params.list[1]", DecimalStrings.LIMITS));
        assertThat(received).isEmpty();
    }

    @Test
    void controlCharactersInAnyTextFieldAreNamed() {
        APIGatewayV2HTTPResponse response = create.apply(ApiEvents.post("/api/accounts",
                "{\"name\":\"\\u0000\",\"params\":{\"mode\":\"a\\u001bb\"},\"tags\":[\"ok\",\"x\\u007f\"]}").event());

        assertFieldErrors(response, 400, Map.of("name", JsonBodies.CONTROL_CHARACTERS,
                "params.mode", JsonBodies.CONTROL_CHARACTERS, "tags[1]", JsonBodies.CONTROL_CHARACTERS));
        assertThat(received).isEmpty();
    }

    @Test
    void halfASurrogatePairIsRefusedAndAWholeOneIsKept() {
        APIGatewayV2HTTPResponse refused = create.apply(ApiEvents.post("/api/accounts", "{\"name\":\"\\ud800x\"}").event());
        APIGatewayV2HTTPResponse kept = create.apply(ApiEvents.post("/api/accounts", "{\"name\":\"bot \\ud83d\\ude80\"}").event());

        assertFieldErrors(refused, 400, Map.of("name", JsonBodies.CONTROL_CHARACTERS));
        assertThat(kept.getStatusCode()).isEqualTo(204);
        assertThat(received).extracting(Account::name).containsExactly("bot \uD83D\uDE80");
    }

    @Test
    void controlCharactersInQueryAndPathParametersAreNamed() {
        APIGatewayV2HTTPResponse query = list.apply(ApiEvents.get("/api/market/candles?symbol=BTC%00USDT").event());
        APIGatewayV2HTTPResponse path = list.apply(ApiEvents.get("/api/market/ticker/x")
                .pathParameter("symbol", "BTC\nUSDT").event());

        assertFieldErrors(query, 400, Map.of("symbol", JsonBodies.CONTROL_CHARACTERS));
        assertFieldErrors(path, 400, Map.of("symbol", JsonBodies.CONTROL_CHARACTERS));
    }

    @Test
    void aJsonBodyOfAnotherMediaTypeIs415() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
            APIGatewayV2HTTPResponse response = create.apply(ApiEvents.post("/api/accounts", "{\"name\":\"a\"}")
                    .header("content-type", type).event());

            assertThat(response.getStatusCode()).as(type).isEqualTo(415);
            assertThat(response.getHeaders()).containsEntry("Content-Type", Problems.MEDIA_TYPE);
        }
        assertThat(create.apply(ApiEvents.post("/api/accounts", "{\"name\":\"a\"}")
                .header("content-type", "application/merge-patch+json; charset=utf-8").event()).getStatusCode()).isEqualTo(204);
        assertThat(received).hasSize(1);
    }

    @Test
    void aJsonBodyOverTheLimitIs413() {
        String big = "{\"name\":\"" + "a".repeat((int) ApiFunctions.JSON_MAX_BODY_BYTES) + "\"}";

        APIGatewayV2HTTPResponse response = create.apply(ApiEvents.post("/api/accounts", big).event());

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(create.maxBodyBytes()).isEqualTo(ApiFunctions.JSON_MAX_BODY_BYTES);
        assertThat(received).isEmpty();
    }

    private void assertFieldErrors(APIGatewayV2HTTPResponse response, int status, Map<String, String> errors) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", Problems.MEDIA_TYPE);
        JsonNode body = json.readTree(response.getBody());
        Map<String, String> actual = new java.util.LinkedHashMap<>();
        body.get("errors").forEach(error -> actual.put(error.get("field").asString(), error.get("message").asString()));
        assertThat(actual).isEqualTo(errors);
    }
}
