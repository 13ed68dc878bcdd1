package app.tradebot.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.Invalid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user strategy functions against the real database, and the catalog's pinning of versions. */
@SpringBootTest(classes = { TradeBotFunctions.class, UserStrategyFunctionsIT.Usage.class },
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UserStrategyFunctionsIT {

    static {
        TestServices.install();
    }

    static final AtomicBoolean IN_USE = new AtomicBoolean();

    @TestConfiguration
    static class Usage {

        /**
         * One more usage beside the real ones (bots, queued jobs), which bots.BotStrategiesIT and
         * backtest.BacktestWorkerIT test with real bots and jobs.
         */
        @Bean
        StrategyUsage switchedUsage() {
            return StrategyUsage.of("Switched on by the test.", id -> IN_USE.get());
        }
    }

    static final String SMA = """
            param fast: integer [1, 500] = 20
            param slow: integer [2, 1000] = 50
            entry: sma(close, fast) crosses above sma(close, slow)
            exit: sma(close, fast) crosses below sma(close, slow)
            """;

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired JdbcTemplate jdbc;
    @Autowired StrategyCatalog catalog;
    @Autowired @Qualifier("createStrategy") ApiFunction create;
    @Autowired @Qualifier("getStrategy") ApiFunction get;
    @Autowired @Qualifier("updateStrategy") ApiFunction update;
    @Autowired @Qualifier("deleteStrategy") ApiFunction delete;
    @Autowired @Qualifier("validateStrategy") ApiFunction validate;
    @Autowired @Qualifier("listStrategies") ApiFunction list;
    @Autowired @Qualifier("submitBacktest") ApiFunction submitBacktest;

    UUID alice;
    UUID bob;

    @BeforeEach
    void users() {
        IN_USE.set(false);
        jdbc.execute("truncate table users cascade");
        alice = UUID.randomUUID();
        bob = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, 'alice@example.com', 'x')", alice);
        jdbc.update("insert into users (id, email, password_hash) values (?, 'bob@example.com', 'x')", bob);
    }

    private APIGatewayV2HTTPResponse call(ApiFunction f, String method, String path, Object body, UUID user, String id) {
        ApiEvents e = ApiEvents.request(method, path, body == null ? null : json.writeValueAsString(body)).authorizedAs(user);
        if (id != null) {
            e = e.pathParameter("id", id);
        }
        if (body != null) {
            e = e.header("Content-Type", "application/json");
        }
        return f.apply(e.event());
    }

    private JsonNode body(APIGatewayV2HTTPResponse r) {
        return json.readTree(r.getBody());
    }

    @Test
    void aTraderSavesEditsAndDeletesTheirStrategyAndOthersCannotSeeIt() {
        APIGatewayV2HTTPResponse created = call(create, "POST", "/api/strategies", Map.of("name", "my-sma", "source", SMA),
                alice, null);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        JsonNode view = body(created);
        String id = view.get("id").asString();
        assertThat(view.get("version").asInt()).isEqualTo(1);
        assertThat(view.get("reference").asString()).isEqualTo("user:" + id + "@1");
        assertThat(view.get("warmUp").asInt()).isEqualTo(51);
        assertThat(view.get("parameters").get(1).get("name").asString()).isEqualTo("slow");
        assertThat(view.get("parameters").get(1).get("max").asDouble()).isEqualTo(1000.0);

        assertThat(call(get, "GET", "/api/strategies/" + id, null, alice, id).getStatusCode()).isEqualTo(200);
        assertThat(call(get, "GET", "/api/strategies/" + id, null, bob, id).getStatusCode()).isEqualTo(404);
        assertThat(call(update, "PUT", "/api/strategies/" + id, Map.of("name", "x", "source", SMA), bob, id)
                .getStatusCode()).isEqualTo(404);
        assertThat(call(delete, "DELETE", "/api/strategies/" + id, null, bob, id).getStatusCode()).isEqualTo(404);

        List<String> names = new ArrayList<>();
        JsonNode listed = body(call(list, "GET", "/api/strategies", null, alice, null)).get("strategies");
        listed.forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).contains("sma-cross", "dca", "my-sma");
        // the list says which are the user's own, with the id, version and reference a run keeps: nothing to parse
        for (JsonNode s : listed) {
            if (s.get("name").asString().equals("my-sma")) {
                assertThat(s.get("kind").asString()).isEqualTo("user");
                assertThat(s.get("id").asString()).isEqualTo(id);
                assertThat(s.get("version").asInt()).isEqualTo(1);
                assertThat(s.get("reference").asString()).isEqualTo("user:" + id + "@1");
            }
            else {
                assertThat(s.get("kind").asString()).as(s.toString()).isEqualTo("builtin");
                assertThat(s.get("id").isNull()).isTrue();
                assertThat(s.get("version").isNull()).isTrue();
                assertThat(s.get("reference").asString()).isEqualTo(s.get("name").asString());
            }
        }
        List<String> bobs = new ArrayList<>();
        body(call(list, "GET", "/api/strategies", null, bob, null)).get("strategies").forEach(s -> bobs.add(s.get("name").asString()));
        assertThat(bobs).contains("sma-cross").doesNotContain("my-sma");

        // a run pins version 1; an edit makes version 2 and the pinned run keeps version 1
        String pinned = catalog.pin(alice, "my-sma");
        assertThat(pinned).isEqualTo("user:" + id + "@1");
        assertThat(catalog.pin(alice, "user:" + id)).isEqualTo(pinned);
        APIGatewayV2HTTPResponse edited = call(update, "PUT", "/api/strategies/" + id,
                Map.of("name", "my-sma", "source", SMA.replace("= 20", "= 5")), alice, id);
        assertThat(edited.getStatusCode()).as(edited.getBody()).isEqualTo(200);
        assertThat(body(edited).get("version").asInt()).isEqualTo(2);
        assertThat(catalog.pin(alice, "my-sma")).isEqualTo("user:" + id + "@2");
        assertThat(catalog.validate(pinned, Map.of())).containsEntry("fast", 20);
        assertThat(catalog.validate("user:" + id + "@2", Map.of())).containsEntry("fast", 5);

        // another user's strategy is unknown to bob, also in a backtest request
        assertThatThrownBy(() -> catalog.pin(bob, "user:" + id)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> catalog.pin(bob, pinned)).isInstanceOf(Invalid.class);
        APIGatewayV2HTTPResponse stolen = call(submitBacktest, "POST", "/api/backtests", Map.of("symbol", "BTCUSDT",
                "interval", "4h", "strategy", "user:" + id, "from", "2024-01-01T00:00:00Z", "to", "2024-02-01T00:00:00Z",
                "startingBalance", 1000, "feeBps", 10, "slippageBps", 5, "sizing", Map.of("type", "percent", "value", 100)),
                bob, null);
        assertThat(stolen.getStatusCode()).isEqualTo(400);
        assertThat(body(stolen).get("errors").get(0).get("field").asString()).isEqualTo("strategy");

        IN_USE.set(true);
        APIGatewayV2HTTPResponse refused = call(delete, "DELETE", "/api/strategies/" + id, null, alice, id);
        assertThat(refused.getStatusCode()).isEqualTo(409);
        assertThat(body(refused).get("detail").asString()).isEqualTo("Switched on by the test.");
        IN_USE.set(false);
        assertThat(call(delete, "DELETE", "/api/strategies/" + id, null, alice, id).getStatusCode()).isEqualTo(204);
        assertThat(call(get, "GET", "/api/strategies/" + id, null, alice, id).getStatusCode()).isEqualTo(404);
    }

    @Test
    void theUserStrategyTradesLikeTheBuiltInThroughTheCatalog() {
        call(create, "POST", "/api/strategies", Map.of("name", "my-sma", "source", SMA), alice, null);
        String pinned = catalog.pin(alice, "my-sma");
        List<Candle> bars = RealCandles.btcUsd4h().bars();
        Map<String, Object> params = Map.of("fast", 10, "slow", 30);
        List<RecordingSignals.Intent> mine = RecordingSignals.run(catalog.create(pinned, catalog.validate(pinned, params)),
                bars).intents();
        List<RecordingSignals.Intent> builtIn = RecordingSignals.run(catalog.create("sma-cross",
                catalog.validate("sma-cross", params)), bars).intents();
        assertThat(mine).hasSizeGreaterThan(100).isEqualTo(builtIn);
        assertThatThrownBy(() -> catalog.validate(pinned, Map.of("fast", 0, "speed", 3)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).extracting(f -> f.field())
                        .containsExactlyInAnyOrder("params.speed", "params.fast"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        APIGatewayV2HTTPResponse bad = call(create, "POST", "/api/strategies",
                Map.of("name", "broken", "source", "entry: close > 1\nexit: close < smaa(close, 3)"), alice, null);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(bad.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
        JsonNode error = body(bad).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("source");
        assertThat(error.get("message").asString()).startsWith("line 2, column 15: unknown function 'smaa'");

        assertThat(call(create, "POST", "/api/strategies", Map.of("name", "sma-cross", "source", SMA), alice, null)
                .getStatusCode()).isEqualTo(400);
        assertThat(call(create, "POST", "/api/strategies", Map.of("name", "Bad Name", "source", SMA), alice, null)
                .getStatusCode()).isEqualTo(400);
        assertThat(call(create, "POST", "/api/strategies", Map.of("name", "x", "source", "#".repeat(10_001)), alice, null)
                .getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPResponse nul = call(create, "POST", "/api/strategies",
                Map.of("name", "nul", "source", SMA + "\u0000"), alice, null);
        assertThat(nul.getStatusCode()).isEqualTo(400);
        assertThat(body(nul).get("errors").get(0).get("field").asString()).isEqualTo("source");
        assertThat(jdbc.queryForObject("select count(*) from user_strategies", Integer.class)).isZero();

        assertThat(call(create, "POST", "/api/strategies", Map.of("name", "twice", "source", SMA), alice, null)
                .getStatusCode()).isEqualTo(201);
        assertThat(call(create, "POST", "/api/strategies", Map.of("name", "twice", "source", SMA), alice, null)
                .getStatusCode()).isEqualTo(409);
        assertThat(call(create, "POST", "/api/strategies", Map.of("name", "twice", "source", SMA), bob, null)
                .getStatusCode()).isEqualTo(201);
    }

    /** A rule parameter's label is read from its name: README's example's {@code sl} is "Stop loss", never "Sl". */
    @Test
    void aRuleParameterIsLabelledFromItsName() {
        JsonNode ok = body(call(validate, "POST", "/api/strategies/validate", Map.of("source", """
                param fast: integer [2, 100] = 12
                param slowEma: integer [3, 400] = 26
                param sl: number [0.005, 0.5] = 0.05
                entry: ema(close, fast) crosses above ema(close, slowEma) and rsi(close, 14) < 70
                exit:  ema(close, fast) crosses below ema(close, slowEma)
                stopLoss: sl
                """), alice, null));
        assertThat(ok.get("valid").asBoolean()).isTrue();
        List<String> labels = new ArrayList<>();
        ok.get("parameters").forEach(p -> labels.add(p.get("label").asString()));
        assertThat(labels).containsExactly("Fast", "Slow EMA", "Stop loss");
    }

    @Test
    void validateGivesErrorsWithPositionsOrTheSchemaAndWarmUp() {
        JsonNode ok = body(call(validate, "POST", "/api/strategies/validate", Map.of("source", SMA), alice, null));
        assertThat(ok.get("valid").asBoolean()).isTrue();
        assertThat(ok.get("warmUp").asInt()).isEqualTo(51);
        assertThat(ok.get("parameters").get(0).get("defaultValue").asInt()).isEqualTo(20);

        JsonNode bad = body(call(validate, "POST", "/api/strategies/validate",
                Map.of("source", "entry: close > close[-1]\nexit: close < 1"), alice, null));
        assertThat(bad.get("valid").asBoolean()).isFalse();
        JsonNode error = bad.get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(1);
        assertThat(error.get("column").asInt()).isEqualTo(22);
        assertThat(error.get("message").asString()).contains("later candle");
    }

    @Test
    void everyErrorOfASourceIsGivenBackNotOnlyTheFirst() {
        String source = "param fast: integer [1, 50] = 70\nentry: emaa(close, fast) > 1 and close[-1] > 0\nexit: close + 1";
        JsonNode bad = body(call(validate, "POST", "/api/strategies/validate", Map.of("source", source), alice, null));
        assertThat(bad.get("valid").asBoolean()).isFalse();
        List<String> positions = new ArrayList<>();
        bad.get("errors").forEach(e -> positions.add(e.get("line").asInt() + ":" + e.get("column").asInt()));
        assertThat(positions).containsExactly("1:31", "2:8", "2:40", "3:13");

        APIGatewayV2HTTPResponse refused = call(create, "POST", "/api/strategies", Map.of("name", "broken", "source", source),
                alice, null);
        assertThat(refused.getStatusCode()).isEqualTo(400);
        List<String> messages = new ArrayList<>();
        body(refused).get("errors").forEach(e -> messages.add(e.get("field").asString() + " " + e.get("message").asString()));
        assertThat(messages).hasSize(4).allMatch(m -> m.startsWith("source line "));
        assertThat(messages.get(3)).isEqualTo("source line 3, column 13: exit: must be a condition (true or false)");
        assertThat(jdbc.queryForObject("select count(*) from user_strategies", Integer.class)).isZero();
    }
}
