package app.tradebot.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.tradebot.TradeBotFunctions;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;

import static app.tradebot.backtest.BacktestSupport.body;
import static app.tradebot.backtest.BacktestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

/** Every backtest route refuses bad input with a 4xx problem that says what is wrong, and stores nothing. */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BacktestBadInputIT extends BacktestFunctionsSupport {

    static final String GOOD = BacktestWorkerIT.smaCross();

    UUID user;

    @BeforeEach
    void userAndCandles() {
        BacktestSupport.storeRealCandles(jdbc);
        user = BacktestSupport.user(jdbc);
    }

    @Test
    void malformedMissingAndWrongTypedBodies() {
        assertThat(problem(submitBody("{\"symbol\": "), 400).get("detail").asString())
                .isEqualTo("The request body is not valid JSON.");
        assertThat(problem(submitBody(null), 400).get("detail").asString()).isEqualTo("A JSON request body is required.");
        assertThat(fields(problem(submitBody("{}"), 400))).contains("symbol", "interval", "strategy", "from", "to",
                "startingBalance", "feeBps", "slippageBps", "sizing");
        JsonNode wrongTypes = problem(submitBody(GOOD.replace("\"2016-01-01T00:00:00Z\"", "\"last year\"")
                .replace("\"10000.00\"", "true").replace("{\"type\":\"percent\",\"value\":100}", "\"all\"")
                .replace("\"feeBps\":10", "\"feeBps\":10,\"leverage\":3")), 400);
        assertThat(fields(wrongTypes)).containsExactlyInAnyOrder("from", "startingBalance", "sizing", "leverage");
        assertThat(rows()).isZero();
    }

    @Test
    void unknownStrategiesParametersAndOutOfRangeValuesAreNamed() {
        assertThat(fields(problem(submitBody(GOOD.replace("sma-cross", "moon-shot")), 400))).containsExactly("strategy");
        assertThat(fields(problem(submitBody(GOOD.replace("\"fast\":10", "\"fast\":10,\"length\":3")), 400)))
                .containsExactly("params.length");
        assertThat(fields(problem(submitBody(GOOD.replace("\"fast\":10", "\"fast\":40")), 400)))
                .containsExactly("params.fast");
        assertThat(fields(problem(submitBody(GOOD.replace("\"fast\":10", "\"fast\":0")), 400)))
                .containsExactly("params.fast");
        JsonNode ranges = problem(submitBody(GOOD.replace("\"feeBps\":10", "\"feeBps\":1001")
                .replace("\"slippageBps\":5", "\"slippageBps\":-1").replace("\"10000.00\"", "0")
                .replace("\"interval\":\"4h\"", "\"interval\":\"4 hours\"")), 400);
        assertThat(fields(ranges)).containsExactlyInAnyOrder("feeBps", "slippageBps", "startingBalance", "interval");
        assertThat(fields(problem(submitBody(GOOD.replace("\"percent\"", "\"half\"")), 400))).containsExactly("sizing.type");
        assertThat(fields(problem(submitBody(GOOD.replace("\"value\":100", "\"value\":150")), 400)))
                .containsExactly("sizing.value");
        assertThat(fields(problem(submitBody(GOOD.replace("\"value\":100", "\"value\":0")), 400)))
                .containsExactly("sizing.value");
        assertThat(rows()).isZero();
    }

    @Test
    void anEmptyRangeOrOneWithoutCandlesIsRefused() {
        JsonNode backwards = problem(submitBody(GOOD.replace("2026-01-01", "2016-01-01")), 400);
        assertThat(backwards.get("errors").get(0).get("field").asString()).isEqualTo("to");
        assertThat(backwards.get("errors").get(0).get("message").asString()).isEqualTo("must be after from");

        JsonNode future = problem(submitBody(GOOD.replace("2016-01-01", "2030-01-01").replace("2026-01-01", "2031-01-01")),
                400);
        assertThat(future.get("detail").asString())
                .isEqualTo("No BTCUSD 4h candles are stored from 2030-01-01T00:00:00Z to 2031-01-01T00:00:00Z.");
        JsonNode unknownSymbol = problem(submitBody(GOOD.replace("\"BTCUSD\"", "\"NOPEUSD\"")), 400);
        assertThat(unknownSymbol.get("detail").asString()).startsWith("No NOPEUSD 4h candles are stored");
        JsonNode otherInterval = problem(submitBody(GOOD.replace("\"4h\"", "\"1d\"")), 400);
        assertThat(otherInterval.get("detail").asString()).startsWith("No BTCUSD 1d candles are stored");
        assertThat(rows()).isZero();
    }

    @Test
    void routesWithoutABodyRefuseOneAndUnknownIdsAreNotFound() {
        UUID unknown = UUID.randomUUID();
        assertThat(problem(call(list, ApiEvents.request("GET", "/api/backtests", "{\"all\":true}"), user), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("all");
        for (ApiFunction function : List.of(get, delete, cancel)) {
            problem(call(function, ApiEvents.request("GET", "/api/backtests/" + unknown, null)
                    .pathParameter("id", unknown.toString()), user), 404);
            problem(call(function, ApiEvents.request("GET", "/api/backtests/42", null).pathParameter("id", "42"), user), 404);
        }
        problem(call(getOptimization, ApiEvents.get("/api/optimizations/" + unknown).pathParameter("id", unknown.toString()),
                user), 404);
        APIGatewayV2HTTPResponse anonymous = list.apply(ApiEvents.get("/api/backtests").event());
        problem(anonymous, 401);
    }

    @Test
    void optimisationsBeyondTheirLimitsOrWithBadRangesAreRefused() {
        String good = """
                {"symbol":"BTCUSD","interval":"4h","strategy":"sma-cross","params":{},
                 "ranges":{"fast":{"min":5,"max":20,"step":5},"slow":{"min":30,"max":60,"step":10}},
                 "search":"grid","maxRuns":100,"rankBy":"sharpe",
                 "from":"2016-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z","startingBalance":10000,
                 "feeBps":10,"slippageBps":5,"sizing":{"type":"percent","value":100}}""";

        JsonNode tooMany = problem(optimize(good.replace("\"maxRuns\":100", "\"maxRuns\":100001")), 400);
        assertThat(tooMany.get("errors").get(0).get("field").asString()).isEqualTo("maxRuns");
        assertThat(tooMany.get("errors").get(0).get("message").asString()).contains("100000");
        JsonNode gridTooBig = problem(optimize(good.replace("\"maxRuns\":100", "\"maxRuns\":10")), 400);
        assertThat(gridTooBig.get("errors").get(0).get("message").asString())
                .isEqualTo("is 10 but the grid has 16 combinations: raise maxRuns (at most 100000) or use random search");
        assertThat(fields(problem(optimize(good.replace("\"fast\":{", "\"length\":{")), 400))).containsExactly("ranges.length");
        assertThat(fields(problem(optimize(good.replace("\"max\":20", "\"max\":2")), 400))).containsExactly("ranges.fast.max");
        assertThat(fields(problem(optimize(good.replace("\"sharpe\"", "\"luck\"")), 400))).containsExactly("rankBy");
        assertThat(fields(problem(optimize(good.replace("\"grid\"", "\"genetic\"")), 400))).containsExactly("search");
        assertThat(fields(problem(optimize(good.replace("\"rankBy\":\"sharpe\"",
                "\"rankBy\":\"sharpe\",\"walkForward\":{\"inSampleFraction\":0.99,\"topN\":0}")), 400)))
                .containsExactlyInAnyOrder("walkForward.inSampleFraction", "walkForward.topN");
        JsonNode noneValid = problem(optimize(good.replace("\"min\":30,\"max\":60", "\"min\":2,\"max\":4")
                .replace("\"step\":10", "\"step\":1")), 400);
        assertThat(noneValid.get("detail").asString()).isEqualTo("No parameter set of the ranges is valid for sma-cross.");
        assertThat(fields(problem(optimize(good.replace("2016-01-01", "2030-01-01").replace("2026-01-01", "2031-01-01")),
                400))).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from optimizations where user_id = ?", Integer.class, user)).isZero();
    }

    private APIGatewayV2HTTPResponse submitBody(String json) {
        return call(submit, ApiEvents.post("/api/backtests", json), user);
    }

    private APIGatewayV2HTTPResponse optimize(String json) {
        return call(submitOptimization, ApiEvents.post("/api/optimizations", json), user);
    }

    private int rows() {
        return jdbc.queryForObject("select count(*) from backtests where user_id = ?", Integer.class, user);
    }

    static JsonNode problem(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).doesNotContain("Exception", "\tat ", "app.tradebot");
        return body(response);
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        }
        return fields;
    }
}
