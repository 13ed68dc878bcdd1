package app.tradebot.bots;

import java.util.List;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.platform.http.ApiEvents;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The bot routes' life cycle: create, read, change, start, stop, delete; another user's bot is a 404. */
class BotsFunctionsIT extends BotsSupport {

    @Test
    void aCreatedBotIsStoppedAndShowsItsSettingsAndAnEmptyPosition() {
        APIGatewayV2HTTPResponse response = create(alice, botBody(alicePaper, ",\"risk\":{\"maxOrderQuote\":\"250\"}"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode bot = body(response);
        assertThat(bot.get("status").asString()).isEqualTo("stopped");
        assertThat(bot.get("symbol").asString()).isEqualTo("BTCUSDT");
        assertThat(bot.get("interval").asString()).isEqualTo("1m");
        assertThat(bot.get("params").get("fast").asInt()).isEqualTo(2);
        assertThat(bot.get("params").get("slow").asInt()).isEqualTo(5);
        assertThat(bot.get("sizing").get("type").asString()).isEqualTo("fixed");
        assertThat(bot.get("sizing").get("value").asString()).isEqualTo("100");
        assertThat(bot.get("risk").get("maxOrderQuote").asString()).isEqualTo("250");
        assertThat(bot.get("risk").get("maxSignalAgeSeconds").asInt()).isEqualTo(BotRisk.DEFAULT_MAX_SIGNAL_AGE_SECONDS);
        assertThat(bot.get("position").get("flat").asBoolean()).isTrue();
        assertThat(bot.get("position").get("quantity").asString()).isEqualTo("0");
        assertThat(bot.get("openOrders").asInt()).isZero();
        assertThat(bot.get("lastCandle").isNull()).isTrue();
        UUID id = UUID.fromString(bot.get("id").asString());

        JsonNode read = body(call(getBot, "GET", "/api/bots/{id}", id, null, alice));
        assertThat(read.get("name").asString()).isEqualTo("Trend");
        JsonNode listed = body(listBots.apply(ApiEvents.get("/api/bots").authorizedAs(alice).event()));
        assertThat(listed.get("bots")).hasSize(1);
        assertThat(listed.get("bots").get(0).get("id").asString()).isEqualTo(id.toString());
        assertThat(body(listBots.apply(ApiEvents.get("/api/bots").authorizedAs(bob).event())).get("bots")).isEmpty();
    }

    @Test
    void anotherUsersBotIsNotFoundOnEveryRoute() {
        UUID id = created(alice, botBody(alicePaper, ""));

        assertProblem(call(getBot, "GET", "/api/bots/{id}", id, null, bob), 404);
        assertProblem(call(updateBot, "PATCH", "/api/bots/{id}", id, "{\"name\":\"Mine\"}", bob), 404);
        assertProblem(call(startBot, "POST", "/api/bots/{id}/start", id, null, bob), 404);
        assertProblem(call(stopBot, "POST", "/api/bots/{id}/stop", id, "{}", bob), 404);
        assertProblem(call(deleteBot, "DELETE", "/api/bots/{id}", id, null, bob), 404);
        assertProblem(call(listBotOrders, "GET", "/api/bots/{id}/orders", id, null, bob), 404);
        assertProblem(call(listBotFills, "GET", "/api/bots/{id}/fills", id, null, bob), 404);
        assertProblem(call(listBotEvents, "GET", "/api/bots/{id}/events", id, null, bob), 404);
        assertThat(jdbc.queryForMap("select name, status from bots where id = ?", id))
                .containsEntry("name", "Trend").containsEntry("status", "stopped");
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void aRunningBotCannotBeChangedOrDeletedAndStartStopAreAudited() {
        UUID id = created(alice, botBody(alicePaper, ""));
        JsonNode updated = body(call(updateBot, "PATCH", "/api/bots/{id}", id,
                "{\"name\":\"Faster\",\"params\":{\"fast\":3,\"slow\":8},\"sizing\":{\"type\":\"percent\",\"value\":50}}", alice));
        assertThat(updated.get("name").asString()).isEqualTo("Faster");
        assertThat(updated.get("params").get("slow").asInt()).isEqualTo(8);
        assertThat(updated.get("sizing").get("type").asString()).isEqualTo("percent");

        APIGatewayV2HTTPResponse started = call(startBot, "POST", "/api/bots/{id}/start", id, null, alice);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(200);
        assertThat(body(started).get("status").asString()).isEqualTo("running");

        assertThat(assertProblem(call(startBot, "POST", "/api/bots/{id}/start", id, null, alice), 409).get("detail").asString())
                .isEqualTo("The bot is running already.");
        assertProblem(call(updateBot, "PATCH", "/api/bots/{id}", id, "{\"name\":\"Other\"}", alice), 409);
        assertProblem(call(deleteBot, "DELETE", "/api/bots/{id}", id, null, alice), 409);
        assertThat(jdbc.queryForObject("select name from bots where id = ?", String.class, id)).isEqualTo("Faster");

        APIGatewayV2HTTPResponse stopped = call(stopBot, "POST", "/api/bots/{id}/stop", id, "{\"cancelOrders\":true}", alice);
        assertThat(stopped.getStatusCode()).as(stopped.getBody()).isEqualTo(200);
        assertThat(body(stopped).get("status").asString()).isEqualTo("stopped");
        assertProblem(call(stopBot, "POST", "/api/bots/{id}/stop", id, "{}", alice), 409);

        List<AuditEvent> events = audit.events().stream().filter(event -> event.type().startsWith("BOT_")).toList();
        assertThat(events).extracting(AuditEvent::type).containsExactly(BotLifecycle.AUDIT_STARTED, BotLifecycle.AUDIT_STOPPED);
        assertThat(events).extracting(AuditEvent::userId).containsOnly(alice);
        assertThat(events).extracting(AuditEvent::requestId).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(events).extracting(AuditEvent::detail).containsOnly("bot " + id);
        JsonNode log = body(call(listBotEvents, "GET", "/api/bots/{id}/events", id, null, alice)).get("items");
        assertThat(log).extracting(event -> event.get("type").asString()).containsExactly("BOT_STARTED", "BOT_STOPPED");

        assertThat(call(deleteBot, "DELETE", "/api/bots/{id}", id, null, alice).getStatusCode()).isEqualTo(204);
        assertProblem(call(getBot, "GET", "/api/bots/{id}", id, null, alice), 404);
        assertThat(jdbc.queryForObject("select count(*) from bot_events where bot_id = ?", Integer.class, id))
                .as("the audit trail outlives the bot").isEqualTo(2);
    }

    @Test
    void listsPageWithACursor() {
        for (int i = 0; i < 3; i++) {
            created(alice, botBody(alicePaper, "").replace("Trend", "Bot " + i));
        }
        JsonNode first = body(listBots.apply(ApiEvents.get("/api/bots?limit=2").authorizedAs(alice).event()));
        assertThat(first.get("bots")).extracting(bot -> bot.get("name").asString()).containsExactly("Bot 2", "Bot 1");
        String cursor = first.get("nextCursor").asString();
        JsonNode second = body(listBots.apply(ApiEvents.get("/api/bots?limit=2&cursor=" + cursor).authorizedAs(alice).event()));
        assertThat(second.get("bots")).extracting(bot -> bot.get("name").asString()).containsExactly("Bot 0");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }
}
