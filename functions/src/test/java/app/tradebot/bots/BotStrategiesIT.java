package app.tradebot.bots;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bots on strategies users write: checked by the strategy's own schema, pinned to the version saved when the
 * bot is created (an edit never changes the bot; updateBot re-pins on request), the strategy undeletable while
 * a bot is configured with it, and a candle where the strategy's rule is undefined recorded as an event.
 */
class BotStrategiesIT extends BotsSupport {

    static final String SMA_RULES = """
            param fast: integer [1, 500] = 20
            param slow: integer [2, 1000] = 50
            entry: sma(close, fast) crosses above sma(close, slow)
            exit: sma(close, fast) crosses below sma(close, slow)
            """;

    @Autowired @Qualifier("createStrategy") ApiFunction createStrategy;
    @Autowired @Qualifier("updateStrategy") ApiFunction updateStrategy;
    @Autowired @Qualifier("deleteStrategy") ApiFunction deleteStrategy;
    @Autowired @Qualifier("getStrategy") ApiFunction getStrategy;

    String saved(UUID user, String name, String source) {
        APIGatewayV2HTTPResponse created = createStrategy.apply(ApiEvents.post("/api/strategies",
                json.writeValueAsString(Map.of("name", name, "source", source))).authorizedAs(user).event());
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        return body(created).get("id").asString();
    }

    void edited(UUID user, String id, String name, String source) {
        APIGatewayV2HTTPResponse edited = call(updateStrategy, "PUT", "/api/strategies/{id}", UUID.fromString(id),
                json.writeValueAsString(Map.of("name", name, "source", source)), user);
        assertThat(edited.getStatusCode()).as(edited.getBody()).isEqualTo(200);
    }

    String botOn(UUID account, String strategy, String params) {
        return "{\"name\":\"Mine\",\"accountId\":\"" + account + "\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\","
                + "\"strategy\":\"" + strategy + "\",\"params\":" + params + ",\"sizing\":{\"type\":\"fixed\",\"value\":\"100\"}}";
    }

    String strategyOf(UUID bot) {
        return jdbc.queryForObject("select strategy from bots where id = ?", String.class, bot);
    }

    APIGatewayV2HTTPResponse patch(UUID bot, String body) {
        return call(updateBot, "PATCH", "/api/bots/{id}", bot, body, alice);
    }

    @Test
    void aBotRunsTheVersionSavedWhenItWasCreatedUntilItsUserPinsAnother() {
        String id = saved(alice, "my-sma", SMA_RULES);
        String v1 = "user:" + id + "@1";

        UUID byName = created(alice, botOn(alicePaper, "my-sma", "{\"fast\":2,\"slow\":5}"));
        JsonNode view = body(call(getBot, "GET", "/api/bots/{id}", byName, null, alice));
        assertThat(view.get("strategy").asString()).isEqualTo(v1);
        assertThat(view.get("params").get("fast").asInt()).isEqualTo(2);
        UUID byId = created(alice, botOn(alicePaper, "user:" + id, "{}"));
        assertThat(strategyOf(byId)).isEqualTo(v1);
        assertThat(body(call(getBot, "GET", "/api/bots/{id}", byId, null, alice)).get("params").get("slow").asInt())
                .isEqualTo(50);

        // the strategy's own schema checks the params; nothing is stored
        assertThat(errors(assertProblem(create(alice, botOn(alicePaper, "my-sma", "{\"fast\":0,\"speed\":3}")), 400)))
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("params.fast", "params.speed");
        assertThat(jdbc.queryForObject("select count(*) from bots where user_id = ?", Integer.class, alice)).isEqualTo(2);

        // an edit makes version 2; the bots keep version 1, also through an update that names no strategy
        edited(alice, id, "my-sma", SMA_RULES.replace("= 20", "= 7"));
        assertThat(patch(byName, "{\"name\":\"Renamed\"}").getStatusCode()).isEqualTo(200);
        assertThat(strategyOf(byName)).isEqualTo(v1);

        // naming the strategy pins its current version; the bot's params are checked against it
        APIGatewayV2HTTPResponse repinned = patch(byName, "{\"strategy\":\"my-sma\"}");
        assertThat(repinned.getStatusCode()).as(repinned.getBody()).isEqualTo(200);
        assertThat(body(repinned).get("strategy").asString()).isEqualTo("user:" + id + "@2");
        assertThat(body(repinned).get("params").get("fast").asInt()).isEqualTo(2);

        // version 3 drops slow: the bot's params no longer fit, so the re-pin is refused and nothing changes
        edited(alice, id, "my-sma", """
                param fast: integer [1, 500] = 20
                entry: close crosses above sma(close, fast)
                exit: close crosses below sma(close, fast)
                """);
        assertThat(errors(assertProblem(patch(byName, "{\"strategy\":\"my-sma\"}"), 400)))
                .extracting(Map.Entry::getKey).containsExactly("params.slow");
        assertThat(strategyOf(byName)).isEqualTo("user:" + id + "@2");
        APIGatewayV2HTTPResponse withParams = patch(byName, "{\"strategy\":\"my-sma\",\"params\":{\"fast\":3}}");
        assertThat(withParams.getStatusCode()).as(withParams.getBody()).isEqualTo(200);
        assertThat(strategyOf(byName)).isEqualTo("user:" + id + "@3");
        assertThat(body(withParams).get("params").toString()).isEqualTo("{\"fast\":3}");
        // an older version by its reference, and back to a built-in
        assertThat(patch(byName, "{\"strategy\":\"" + v1 + "\",\"params\":{}}").getStatusCode()).isEqualTo(200);
        assertThat(strategyOf(byName)).isEqualTo(v1);
        assertThat(patch(byName, "{\"strategy\":\"ema-cross\",\"params\":{}}").getStatusCode()).isEqualTo(200);
        assertThat(strategyOf(byName)).isEqualTo("ema-cross");
    }

    @Test
    void anotherUsersStrategyIsUnknownByNameOrReference() {
        String id = saved(alice, "my-sma", SMA_RULES);
        UUID bots = created(bob, botOn(bobPaper, "sma-cross", "{}"));

        for (String strategy : List.of("my-sma", "user:" + id, "user:" + id + "@1")) {
            JsonNode problem = assertProblem(create(bob, botOn(bobPaper, strategy, "{}")), 400);
            assertThat(errors(problem)).extracting(Map.Entry::getKey).containsExactly("strategy");
            assertThat(errors(assertProblem(call(updateBot, "PATCH", "/api/bots/{id}", bots,
                    "{\"strategy\":\"" + strategy + "\"}", bob), 400))).extracting(Map.Entry::getKey).containsExactly("strategy");
        }
        assertThat(jdbc.queryForObject("select count(*) from bots where user_id = ?", Integer.class, bob)).isEqualTo(1);
        assertThat(strategyOf(bots)).isEqualTo("sma-cross");
        assertProblem(call(updateBot, "PATCH", "/api/bots/{id}", bots, "{\"strategy\":\" \"}", bob), 400);
    }

    @Test
    void aStrategyABotIsConfiguredWithCannotBeDeleted() {
        String id = saved(alice, "my-sma", SMA_RULES);
        UUID bot = created(alice, botOn(alicePaper, "my-sma", "{}"));
        edited(alice, id, "my-sma", SMA_RULES.replace("= 20", "= 7"));

        JsonNode refused = assertProblem(call(deleteStrategy, "DELETE", "/api/strategies/{id}", UUID.fromString(id), null,
                alice), 409);
        assertThat(refused.get("detail").asString()).contains("bot");
        assertThat(call(getStrategy, "GET", "/api/strategies/{id}", UUID.fromString(id), null, alice).getStatusCode())
                .isEqualTo(200);
        // the database holds the line too, whatever races the check
        assertThatThrownBy(() -> jdbc.update("delete from user_strategies where id = ?", UUID.fromString(id)))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(call(deleteBot, "DELETE", "/api/bots/{id}", bot, null, alice).getStatusCode()).isEqualTo(204);
        assertThat(call(deleteStrategy, "DELETE", "/api/strategies/{id}", UUID.fromString(id), null, alice).getStatusCode())
                .isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from user_strategy_versions where strategy_id = ?", Integer.class,
                UUID.fromString(id))).isZero();
    }

    /**
     * Every candle where the strategy's entry is undefined (a division by zero on a candle whose high is its
     * low) is an UNDEFINED event saying which expression and why; nothing is traded on it, and the replay runs
     * to its end.
     */
    @Test
    void aCandleWhereTheStrategyIsUndefinedIsAnEventNotAnError() {
        Instant from = Instant.parse("2025-03-01T00:00:00Z");
        List<Instant> doji = storeCandles("DOJIUSDT", from, 40, List.of(5, 6, 17, 39));
        saved(alice, "range", """
                # buys when the close sits at the very top of the candle's range
                entry: (close - low) / (high - low) > 0.99
                exit: close < 1
                """);
        UUID bot = created(alice, "{\"name\":\"Range\",\"accountId\":\"" + alicePaper + "\",\"symbol\":\"DOJIUSDT\","
                + "\"interval\":\"1h\",\"strategy\":\"range\",\"params\":{},\"sizing\":{\"type\":\"fixed\",\"value\":\"100\"},"
                + "\"replay\":{\"from\":\"" + from + "\",\"to\":\"" + from.plus(40, ChronoUnit.HOURS) + "\"}}");
        assertThat(call(startBot, "POST", "/api/bots/{id}/start", bot, null, alice).getStatusCode()).isEqualTo(200);

        run(bot);

        assertThat(jdbc.queryForMap("select status, last_error from bots where id = ?", bot))
                .containsEntry("status", "stopped").containsEntry("last_error", null);
        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ?", Integer.class, bot)).isZero();
        List<JsonNode> undefined = new ArrayList<>();
        body(call(listBotEvents, "GET", "/api/bots/{id}/events", bot, null, alice)).get("items").forEach(event -> {
            if (event.get("type").asString().equals("UNDEFINED")) {
                undefined.add(event);
            }
        });
        // the last candle of a replay has no next one to trade at, so it is not decided on (as in a backtest)
        assertThat(undefined).extracting(e -> e.get("details").get("candle").asString())
                .containsExactly(doji.get(0).toString(), doji.get(1).toString(), doji.get(2).toString());
        JsonNode first = undefined.get(0);
        assertThat(first.get("message").asString()).isEqualTo("Candle " + doji.get(0) + ": entry is undefined: "
                + "(close - low) / (high - low) (line 2, column 22) divides by zero; nothing is traded on this candle");
        JsonNode details = first.get("details");
        assertThat(details.get("rule").asString()).isEqualTo("entry");
        assertThat(details.get("expression").asString()).isEqualTo("(close - low) / (high - low)");
        assertThat(details.get("line").asInt()).isEqualTo(2);
        assertThat(details.get("column").asInt()).isEqualTo(22);
        assertThat(details.get("reason").asString()).isEqualTo("divides by zero");
    }

    /** Hourly candles alice imports under a symbol quoted in USDT; those at the given indices have high = low. */
    List<Instant> storeCandles(String symbol, Instant from, int count, List<Integer> dojiAt) {
        StringBuilder csv = new StringBuilder();
        List<Instant> doji = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant open = from.plus(i, ChronoUnit.HOURS);
            int close = 100 + i % 7;
            boolean flat = dojiAt.contains(i);
            csv.append(open.toEpochMilli()).append(',').append(close).append(',').append(flat ? close : close + 2).append(',')
                    .append(flat ? close : close - 2).append(',').append(close).append(",10\n");
            if (flat) {
                doji.add(open);
            }
        }
        importCsv(alice, symbol, Interval.H1, csv.toString());
        return doji;
    }
}
