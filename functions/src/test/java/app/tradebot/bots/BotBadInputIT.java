package app.tradebot.bots;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.platform.http.ApiEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on the bot routes: a problem naming the field, never a 500, and nothing stored changes. */
class BotBadInputIT extends BotsSupport {

    void assertNoBots() {
        assertThat(jdbc.queryForObject("select count(*) from bots", Integer.class)).isZero();
    }

    @Test
    void malformedJsonMissingAndWrongTypedFieldsAre400() {
        for (String malformed : List.of("{\"name\":", "[]", "name=x")) {
            assertProblem(create(alice, malformed), 400);
        }
        assertThat(errors(assertProblem(create(alice, "{}"), 400))).extracting(Map.Entry::getKey)
                .contains("accountId", "interval", "name", "sizing", "strategy", "symbol");
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper, "").replace("\"name\":\"Trend\"", "\"name\":7")), 400)))
                .containsExactly(Map.entry("name", "must be a string"));
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper, ",\"owner\":\"" + bob + "\"")), 400)))
                .containsExactly(Map.entry("owner", "is not a known field"));
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper, "").replace("\"fixed\"", "\"all-in\"")), 400)))
                .extracting(Map.Entry::getKey).containsExactly("sizing.type");
        assertNoBots();
    }

    @Test
    void unknownIntervalStrategyOrParametersAreNamed() {
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper, "").replace("\"1m\"", "\"7m\"")), 400)))
                .extracting(Map.Entry::getKey).containsExactly("interval");
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper, "").replace("sma-cross", "moon")), 400)))
                .extracting(Map.Entry::getKey).containsExactly("strategy");
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper, "").replace("\"fast\":2", "\"fast\":0")), 400)))
                .extracting(Map.Entry::getKey).containsExactly("params.fast");
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper, "")
                .replace("{\"type\":\"fixed\",\"value\":\"100\"}", "{\"type\":\"percent\",\"value\":\"150\"}")), 400)))
                .containsExactly(Map.entry("sizing.value", "must be at most 100 for percent sizing"));
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper, ",\"risk\":{\"maxSignalAgeSeconds\":0}")), 400)))
                .extracting(Map.Entry::getKey).containsExactly("risk.maxSignalAgeSeconds");
        assertNoBots();
    }

    @Test
    void riskValuesOutOfRangeOrOfTheWrongTypeAreNamed() {
        Map<String, String> bad = Map.of(
                "\"maxPositionQuote\":\"0\"", "risk.maxPositionQuote",
                "\"maxPositionQuote\":\"much\"", "risk.maxPositionQuote",
                "\"maxOpenOrders\":0", "risk.maxOpenOrders",
                "\"maxOpenOrders\":1.5", "risk.maxOpenOrders",
                "\"maxDailyLossPct\":\"100.1\"", "risk.maxDailyLossPct",
                "\"maxDailyLossPct\":-2", "risk.maxDailyLossPct",
                "\"cooldownCandles\":-1", "risk.cooldownCandles",
                "\"cooldownCandles\":10001", "risk.cooldownCandles",
                "\"flattenOnStop\":\"yes\"", "risk.flattenOnStop",
                "\"maxLoss\":5", "risk.maxLoss");
        UUID id = created(alice, botBody(alicePaper, ""));
        bad.forEach((field, name) -> {
            assertThat(errors(assertProblem(create(alice, botBody(alicePaper, ",\"risk\":{" + field + "}")), 400)))
                    .as(field).extracting(Map.Entry::getKey).containsExactly(name);
            assertThat(errors(assertProblem(call(updateBot, "PATCH", "/api/bots/{id}", id, "{\"risk\":{" + field + "}}", alice),
                    400))).as(field).extracting(Map.Entry::getKey).containsExactly(name);
        });
        assertThat(jdbc.queryForObject("select count(*) from bots", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select risk from bots where id = ?", String.class, id)).isNull();

        JsonNode good = body(call(updateBot, "PATCH", "/api/bots/{id}", id, "{\"risk\":{\"maxPositionQuote\":\"500\","
                + "\"maxOpenOrders\":3,\"maxDailyLossPct\":\"2.5\",\"cooldownCandles\":4,\"flattenOnStop\":true}}", alice));
        assertThat(good.get("risk").get("maxPositionQuote").asString()).isEqualTo("500");
        assertThat(good.get("risk").get("maxOpenOrders").asInt()).isEqualTo(3);
        assertThat(good.get("risk").get("maxDailyLossPct").asString()).isEqualTo("2.5");
        assertThat(good.get("risk").get("cooldownCandles").asInt()).isEqualTo(4);
        assertThat(good.get("risk").get("flattenOnStop").asBoolean()).isTrue();
        assertThat(good.get("risk").get("maxSignalAgeSeconds").asInt()).isEqualTo(BotRisk.DEFAULT_MAX_SIGNAL_AGE_SECONDS);
    }

    @Test
    void anUnknownSymbolOrAnotherUsersAccountIsRefused() {
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper, "").replace("BTCUSDT", "NOPEUSDT")), 400)))
                .extracting(Map.Entry::getKey).containsExactly("symbol");
        JsonNode foreign = assertProblem(create(alice, botBody(bobPaper, "")), 404);
        assertThat(foreign.get("detail").asString()).startsWith("accountId:");
        assertProblem(create(alice, botBody(UUID.randomUUID(), "")), 404);
        assertNoBots();
    }

    @Test
    void aReplayNeedsStoredCandlesInItsRange() {
        JsonNode problem = assertProblem(create(alice, botBody(alicePaper,
                ",\"replay\":{\"from\":\"1990-01-01T00:00:00Z\",\"to\":\"1990-02-01T00:00:00Z\"}")), 400);
        assertThat(errors(problem)).extracting(Map.Entry::getKey).containsExactly("replay");
        assertThat(errors(assertProblem(create(alice, botBody(alicePaper,
                ",\"replay\":{\"from\":\"2020-02-01T00:00:00Z\",\"to\":\"2020-01-01T00:00:00Z\"}")), 400)))
                .extracting(Map.Entry::getKey).containsExactly("replay.to");
        assertNoBots();
    }

    @Test
    void badPagingAndUpdatesAre400AndChangeNothing() {
        UUID id = created(alice, botBody(alicePaper, ""));

        assertThat(errors(assertProblem(listBots.apply(ApiEvents.get("/api/bots?limit=0").authorizedAs(alice).event()), 400)))
                .extracting(Map.Entry::getKey).containsExactly("limit");
        assertThat(errors(assertProblem(listBots.apply(ApiEvents.get("/api/bots?cursor=zz").authorizedAs(alice).event()), 400)))
                .extracting(Map.Entry::getKey).containsExactly("cursor");
        assertThat(errors(assertProblem(call(listBotOrders, "GET", "/api/bots/{id}/orders?cursor=-4", id, null, alice), 400)))
                .extracting(Map.Entry::getKey).containsExactly("cursor");
        assertThat(errors(assertProblem(call(listBotEvents, "GET", "/api/bots/{id}/events?limit=9999", id, null, alice), 400)))
                .extracting(Map.Entry::getKey).containsExactly("limit");
        assertThat(errors(assertProblem(call(updateBot, "PATCH", "/api/bots/{id}", id, "{\"params\":{\"fast\":9,\"slow\":3}}",
                alice), 400))).isNotEmpty();
        assertThat(errors(assertProblem(call(updateBot, "PATCH", "/api/bots/{id}", id, "{\"name\":\"  \"}", alice), 400)))
                .extracting(Map.Entry::getKey).containsExactly("name");
        assertThat(jdbc.queryForMap("select name, params::text as params from bots where id = ?", id))
                .containsEntry("name", "Trend").containsEntry("params", "{\"fast\": 2, \"slow\": 5}");
        assertProblem(getBot.apply(ApiEvents.get("/api/bots/not-a-uuid").pathParameter("id", "not-a-uuid")
                .authorizedAs(alice).event()), 404);
    }
}
