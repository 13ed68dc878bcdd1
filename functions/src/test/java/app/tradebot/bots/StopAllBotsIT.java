package app.tradebot.bots;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.exchange.Kline;
import app.tradebot.platform.http.ApiEvents;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kill switch ({@code stopAllBots}) on live paper bots priced by the fake Binance: every running bot of
 * the caller stops, open orders are cancelled, positions are sold through the order path when asked; the
 * answer says it per bot; another user's bots are untouched; bad input changes nothing.
 */
class StopAllBotsIT extends BotsSupport {

    /** Flat, then a rise: sma(2) crosses above sma(5) and the bot holds at the end. */
    static final double[] RISE = { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 101, 103, 106, 110, 115, 118, 119 };

    /** Catching up on candles since the tenth: a signal age that lets it trade on them. */
    static final String CATCH_UP = ",\"risk\":{\"maxSignalAgeSeconds\":86400}";

    List<Kline> klines;

    @BeforeEach
    void candles() {
        jdbc.update("delete from candles where symbol = 'BTCUSDT' and interval = '1m'");
        klines = minutes(RISE, new BigDecimal("119"));
    }

    APIGatewayV2HTTPResponse stopAll(UUID user, String body) {
        return stopAllBots.apply(ApiEvents.post("/api/bots/stop-all", body).authorizedAs(user).event());
    }

    /** A live bot of {@code user} that bought on the rise and holds. */
    UUID holding(UUID user, UUID account, String name) {
        UUID bot = created(user, botBody(account, CATCH_UP).replace("Trend", name));
        runningSince(bot, klines.get(9).openTime().plusSeconds(30));
        tick();
        run(bot);
        assertThat(jdbc.queryForObject("select count(*) from bot_fills where bot_id = ?", Integer.class, bot)).isPositive();
        return bot;
    }

    String status(UUID bot) {
        return jdbc.queryForObject("select status from bots where id = ?", String.class, bot);
    }

    @Test
    void everyBotOfTheCallerStopsAndItsPositionIsSoldWhileAnotherUsersBotRunsOn() {
        UUID holds = holding(alice, alicePaper, "Holds");
        UUID idle = created(alice, botBody(alicePaper, "").replace("Trend", "Idle"));
        runningSince(idle, klines.get(klines.size() - 1).openTime());
        UUID stopped = created(alice, botBody(alicePaper, "").replace("Trend", "Never started"));
        UUID bobs = holding(bob, bobPaper, "Bob's");
        int bobsOrders = jdbc.queryForObject("select count(*) from bot_orders where bot_id = ?", Integer.class, bobs);
        audit.clear();

        APIGatewayV2HTTPResponse response = stopAll(alice, "{\"flatten\":true}");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode bots = body(response).get("bots");
        assertThat(bots).extracting(b -> b.get("name").asString()).containsExactly("Holds", "Idle");
        JsonNode sold = bots.get(0);
        assertThat(sold.get("botId").asString()).isEqualTo(holds.toString());
        assertThat(sold.get("stopped").asBoolean()).isTrue();
        assertThat(sold.get("cancelledOrders").asInt()).isZero();
        assertThat(sold.get("error").isNull()).isTrue();
        UUID flatten = UUID.fromString(sold.get("flattenOrderId").asString());
        assertThat(jdbc.queryForMap("select bot_id, side, reason, status from bot_orders where id = ?", flatten))
                .containsEntry("bot_id", holds).containsEntry("side", "SELL").containsEntry("reason", "flatten")
                .containsEntry("status", "FILLED");
        assertThat(body(call(getBot, "GET", "/api/bots/{id}", holds, null, alice)).get("position").get("flat").asBoolean())
                .isTrue();
        JsonNode nothingHeld = bots.get(1);
        assertThat(nothingHeld.get("stopped").asBoolean()).isTrue();
        assertThat(nothingHeld.get("flattenOrderId").isNull()).isTrue();
        assertThat(status(holds)).isEqualTo("stopped");
        assertThat(status(idle)).isEqualTo("stopped");
        assertThat(status(stopped)).isEqualTo("stopped");
        assertThat(jdbc.queryForList("select details->>'reason' from bot_events where type = 'BOT_STOPPED' and user_id = ?",
                String.class, alice)).containsExactly("user", "user");

        // bob's bot: running, its orders as they were, nothing sold
        assertThat(status(bobs)).isEqualTo("running");
        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ?", Integer.class, bobs)).isEqualTo(bobsOrders);
        assertThat(body(call(getBot, "GET", "/api/bots/{id}", bobs, null, bob)).get("position").get("flat").asBoolean()).isFalse();

        // audited: the switch and each stop, with alice and one request id
        List<AuditEvent> events = audit.events();
        assertThat(events).extracting(AuditEvent::type).contains(StopAllBots.AUDIT_KILL_SWITCH)
                .filteredOn(type -> type.equals(BotLifecycle.AUDIT_STOPPED)).hasSize(2);
        List<AuditEvent> mine = events.stream().filter(e -> e.type().equals(StopAllBots.AUDIT_KILL_SWITCH)
                || e.type().equals(BotLifecycle.AUDIT_STOPPED)).toList();
        assertThat(mine).extracting(AuditEvent::userId).containsOnly(alice);
        assertThat(mine).extracting(AuditEvent::requestId).doesNotContainNull().containsOnly(mine.get(0).requestId());
        assertThat(events.stream().filter(e -> e.type().equals(StopAllBots.AUDIT_KILL_SWITCH)).findFirst().orElseThrow().detail())
                .isEqualTo("stopped 2 bots, settled 2, flattening");

        // again: nothing left to do
        JsonNode again = body(stopAll(alice, "{\"flatten\":true}"));
        assertThat(again.get("bots")).isEmpty();
    }

    @Test
    void withoutFlattenThePositionStaysAndAStoppedBotsOpenOrdersAreCancelled() {
        UUID holds = holding(alice, alicePaper, "Holds");
        // a stopped bot with an order not sent yet
        UUID waiting = created(alice, botBody(alicePaper, "").replace("Trend", "Waiting"));
        jdbc.update("""
                insert into bot_orders (id, bot_id, user_id, account_id, symbol, candle_open_time, intent_index, attempt,
                    client_order_id, side, type, quote_quantity, reason, status, max_signal_age_ms, decided_at, updated_at)
                values (?, ?, ?, ?, 'BTCUSDT', now(), 0, 0, 'waiting-order-0000000000000000001', 'BUY', 'MARKET', 100, 'buy',
                    'NEW', 300000, now(), now())""", UUID.randomUUID(), waiting, alice, alicePaper);

        JsonNode bots = body(stopAll(alice, "{\"flatten\":false}")).get("bots");

        assertThat(bots).extracting(b -> b.get("name").asString()).containsExactly("Holds", "Waiting");
        assertThat(bots.get(0).get("flattenOrderId").isNull()).isTrue();
        assertThat(bots.get(1).get("stopped").asBoolean()).as("it was stopped already").isFalse();
        assertThat(bots.get(1).get("cancelledOrders").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from bot_orders where bot_id = ?", String.class, waiting))
                .isEqualTo("CANCELED");
        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ? and side = 'SELL'", Integer.class, holds))
                .isZero();
        assertThat(body(call(getBot, "GET", "/api/bots/{id}", holds, null, alice)).get("position").get("flat").asBoolean())
                .isFalse();
    }

    @Test
    void badInputIsA400NamingTheFieldAndStopsNothing() {
        UUID running = created(alice, botBody(alicePaper, ""));
        runningSince(running, klines.get(klines.size() - 1).openTime());

        assertThat(errors(assertProblem(stopAll(alice, "{}"), 400))).extracting(Map.Entry::getKey).containsExactly("flatten");
        assertThat(errors(assertProblem(stopAll(alice, "{\"flatten\":\"yes\"}"), 400))).extracting(Map.Entry::getKey)
                .containsExactly("flatten");
        assertThat(errors(assertProblem(stopAll(alice, "{\"flatten\":true,\"userId\":\"" + bob + "\"}"), 400)))
                .extracting(Map.Entry::getKey).containsExactly("userId");
        for (String malformed : List.of("{\"flatten\":", "[]", "flatten=true", "")) {
            assertProblem(stopAll(alice, malformed), 400);
        }
        assertProblem(stopAllBots.apply(ApiEvents.post("/api/bots/stop-all", "{\"flatten\":true}").event()), 401);

        assertThat(status(running)).isEqualTo("running");
        assertThat(jdbc.queryForObject("select count(*) from bot_events where bot_id = ?", Integer.class, running)).isZero();
        assertThat(audit.events()).extracting(AuditEvent::type).doesNotContain(StopAllBots.AUDIT_KILL_SWITCH);
    }
}
