package app.tradebot.bots;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.exchange.Kline;
import app.tradebot.quotas.Quota;
import app.tradebot.quotas.Quotas;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot's life reaches its user's webhooks in the transactions that record it (bot.started, order.filled,
 * bot.stopped with its reason), and only its user's; starting a bot takes a place of the running-bots quota.
 */
class BotNotificationsIT extends BotsSupport {

    @Autowired
    Quotas quotas;

    static List<String> types(List<JsonNode> deliveries) {
        return deliveries.stream().map(d -> d.get("type").asString()).toList();
    }

    @Test
    void startFillAndStopAreNotifiedToTheBotsUserOnly() {
        jdbc.update("delete from candles where symbol = 'BTCUSDT' and interval = '1m'");
        List<Kline> klines = minutes(StopAllBotsIT.RISE, new BigDecimal("119"));
        UUID alices = webhook(alice);
        UUID bobs = webhook(bob);
        UUID bot = created(alice, botBody(alicePaper, StopAllBotsIT.CATCH_UP));

        assertThat(call(startBot, "POST", "/api/bots/{id}/start", bot, null, alice).getStatusCode()).isEqualTo(200);
        assertThat(types(deliveries(alices))).containsExactly("bot.started");
        assertThat(deliveries(alices).get(0).get("data").get("botId").asString()).isEqualTo(bot.toString());

        // its run catches up from the tenth candle and buys on the rise
        runningSince(bot, klines.get(9).openTime().plusSeconds(30));
        tick();
        run(bot);
        List<JsonNode> filled = deliveries(alices).stream().filter(d -> d.get("type").asString().equals("order.filled")).toList();
        assertThat(filled).hasSize(1);
        JsonNode order = filled.get(0).get("data");
        assertThat(order.get("botId").asString()).isEqualTo(bot.toString());
        assertThat(order.get("side").asString()).isEqualTo("BUY");
        assertThat(order.get("symbol").asString()).isEqualTo("BTCUSDT");
        assertThat(order.get("clientOrderId").asString()).isEqualTo(jdbc.queryForObject(
                "select client_order_id from bot_orders where bot_id = ?", String.class, bot));

        assertThat(call(stopBot, "POST", "/api/bots/{id}/stop", bot, "{\"flatten\":true}", alice).getStatusCode()).isEqualTo(200);
        List<JsonNode> all = deliveries(alices);
        assertThat(types(all)).containsExactlyInAnyOrder("bot.started", "order.filled", "bot.stopped", "order.filled");
        JsonNode stopped = all.stream().filter(d -> d.get("type").asString().equals("bot.stopped")).findFirst().orElseThrow();
        assertThat(stopped.get("data").get("reason").asString()).isEqualTo("user");
        assertThat(deliveries(bobs)).isEmpty();
    }

    @Test
    void aStopForAnErrorIsNotifiedWithReasonError() {
        UUID channel = webhook(alice);
        UUID bot = created(alice, botBody(alicePaper, ""));
        runningSince(bot, java.time.Instant.now().minusSeconds(300));
        // its account is gone from under it: the run stops it
        jdbc.update("update bots set account_id = ? where id = ?", bobPaper, bot);

        tick();
        run(bot);

        List<JsonNode> delivered = deliveries(channel);
        assertThat(types(delivered)).containsExactly("bot.stopped");
        assertThat(delivered.get(0).get("data").get("reason").asString()).isEqualTo("error");
        assertThat(delivered.get(0).get("data").get("detail").asString()).startsWith("its exchange account cannot be used");
    }

    @Test
    void theRunningBotsQuotaIsA429NamingItAndFreesWithAStop() {
        int limit = quotas.limit(Quota.RUNNING_BOTS);
        List<UUID> bots = new java.util.ArrayList<>();
        for (int i = 0; i <= limit; i++) {
            bots.add(created(alice, botBody(alicePaper, "").replace("Trend", "Bot " + i)));
        }
        for (int i = 0; i < limit; i++) {
            assertThat(call(startBot, "POST", "/api/bots/{id}/start", bots.get(i), null, alice).getStatusCode()).isEqualTo(200);
        }
        UUID last = bots.get(limit);

        APIGatewayV2HTTPResponse refused = call(startBot, "POST", "/api/bots/{id}/start", last, null, alice);

        JsonNode problem = assertProblem(refused, 429);
        assertThat(problem.get("detail").asString()).contains(Quota.RUNNING_BOTS.label());
        assertThat(jdbc.queryForObject("select status from bots where id = ?", String.class, last)).isEqualTo("stopped");
        assertThat(jdbc.queryForObject("select count(*) from bot_events where bot_id = ?", Integer.class, last)).isZero();
        assertThat(audit.events()).extracting(AuditEvent::type).filteredOn(BotLifecycle.AUDIT_STARTED::equals).hasSize(limit);
        // another user has places of their own
        UUID bobs = created(bob, botBody(bobPaper, ""));
        assertThat(call(startBot, "POST", "/api/bots/{id}/start", bobs, null, bob).getStatusCode()).isEqualTo(200);

        assertThat(call(stopBot, "POST", "/api/bots/{id}/stop", bots.get(0), "{}", alice).getStatusCode()).isEqualTo(200);
        assertThat(call(startBot, "POST", "/api/bots/{id}/start", last, null, alice).getStatusCode()).isEqualTo(200);
    }
}
