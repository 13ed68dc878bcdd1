package app.tradebot.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/strategies} in the functions' context, called with the event the gateway builds. */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class StrategyFunctionsIT {

    static {
        TestServices.install();
    }

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    @Qualifier("listStrategies")
    ApiFunction listStrategies;

    @Autowired
    StrategyCatalog catalog;

    @Test
    void listsEveryBuiltInStrategyWithItsParameterSchema() {
        APIGatewayV2HTTPResponse response = listStrategies.apply(
                ApiEvents.get("/api/strategies").authorizedAs(UUID.randomUUID()).event());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode strategies = json.readTree(response.getBody()).get("strategies");
        List<String> names = new ArrayList<>();
        strategies.forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).containsExactlyElementsOf(catalog.list().stream().map(StrategyDescriptor::name).toList());
        assertThat(names).contains("sma-cross", "ema-cross");

        JsonNode fast = strategies.get(0).get("parameters").get(0);
        assertThat(fast.get("name").asString()).isEqualTo("fast");
        assertThat(fast.get("label").asString()).isEqualTo("Fast period");
        assertThat(fast.get("type").asString()).isEqualTo("integer");
        assertThat(fast.get("min").asDouble()).isEqualTo(1.0);
        assertThat(fast.get("max").asDouble()).isEqualTo(500.0);
        assertThat(fast.get("defaultValue").asInt()).isEqualTo(20);
        assertThat(fast.get("description").asString()).isNotBlank();
        assertThat(strategies.get(0).get("description").asString()).isNotBlank();
    }

    @Test
    void aBodyIsRefused() {
        APIGatewayV2HTTPResponse response = listStrategies.apply(
                ApiEvents.request("GET", "/api/strategies", "{\"name\": \"sma-cross\"}").authorizedAs(UUID.randomUUID()).event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    }

    @Test
    void theBeanServesTheBuiltInsAndUserStrategies() {
        assertThat(catalog).isInstanceOf(UserStrategies.class);
        assertThat(catalog.list()).isEqualTo(StrategyCatalog.builtIn().list());
        assertThat(catalog.pin(UUID.randomUUID(), "sma-cross")).isEqualTo("sma-cross");
    }
}
