package app.tradebot.bots;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.platform.http.ApiEvents;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-trade checks and loss limits through the real runner: replay bots on paper accounts over stored
 * one-minute candles (the replay's clock is its candles), the order path and the paper ledger. A refused
 * intent is an INTENT_REFUSED event and never an order, and the bot runs on; a loss limit stops the bot with
 * reason risk, cancels and (with flattenOnStop) sells.
 *
 * <p>The symbol RISKUSDT is listed with filters (only the exchange's symbols have filters): a minimum notional of 5 USDT. Fills are at the next
 * candle's open (the previous close here) plus 5 bps, fees 10 bps in the asset received.
 */
class RiskControlsIT extends BotsSupport {

    static final String SYMBOL = "RISKUSDT";
    static final Instant DAY = Instant.parse("2025-03-03T10:00:00Z");

    @BeforeEach
    void symbol() {
        jdbc.update("""
                insert into symbols (symbol, base_asset, quote_asset, status, source, tick_size, step_size, min_qty,
                    min_notional, apply_min_to_market)
                values (?, 'RISK', 'USDT', 'TRADING', 'exchange', 0.01, 0.00001, 0.00001, 5, true)
                on conflict (symbol) do nothing""", SYMBOL);
        jdbc.update("delete from candles where symbol = ?", SYMBOL);
    }

    /** One-minute candles from {@code from}, each opening at the previous close. */
    void candles(Instant from, double... closes) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            double open = i == 0 ? closes[0] : closes[i - 1];
            rows.add(new Object[] { SYMBOL, Timestamp.from(from.plus(i, ChronoUnit.MINUTES)), open,
                    Math.max(open, closes[i]), Math.min(open, closes[i]), closes[i], 1 });
        }
        jdbc.batchUpdate("insert into candles (symbol, interval, open_time, open, high, low, close, volume) "
                + "values (?, '1m', ?, ?, ?, ?, ?, ?) on conflict do nothing", rows);
    }

    /** A replay bot on {@code account} over {@code [from, to)}, started and run to its end (or its stop). */
    UUID replay(UUID user, UUID account, String strategy, String params, String sizing, String risk, Instant from, Instant to) {
        UUID bot = created(user, "{\"name\":\"Risk\",\"accountId\":\"" + account + "\",\"symbol\":\"" + SYMBOL
                + "\",\"interval\":\"1m\",\"strategy\":\"" + strategy + "\",\"params\":" + params + ",\"sizing\":" + sizing
                + (risk == null ? "" : ",\"risk\":" + risk)
                + ",\"replay\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}}");
        APIGatewayV2HTTPResponse started = call(startBot, "POST", "/api/bots/{id}/start", bot, null, user);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(200);
        run(bot);
        return bot;
    }

    /** dca buying {@code amount} on its first candle and then every {@code every} candles, never selling. */
    UUID dca(UUID account, String amount, int every, String risk, Instant from, int candles) {
        return replay(alice, account, "dca", "{\"interval\":" + every + ",\"amount\":" + amount + ",\"takeProfit\":10}",
                "{\"type\":\"fixed\",\"value\":\"" + amount + "\"}", risk, from, from.plus(candles, ChronoUnit.MINUTES));
    }

    List<Map<String, Object>> refusals(UUID bot) {
        return jdbc.queryForList("select message, details->>'check' as check, details->>'candle' as candle from bot_events "
                + "where bot_id = ? and type = 'INTENT_REFUSED' order by seq", bot);
    }

    List<String> buys(UUID bot) {
        return jdbc.queryForList("select status from bot_orders where bot_id = ? and side = 'BUY' order by seq", String.class, bot);
    }

    Map<String, Object> botRow(UUID bot) {
        return jdbc.queryForMap("select status, last_error, last_candle from bots where id = ?", bot);
    }

    JsonNode view(UUID bot) {
        return body(call(getBot, "GET", "/api/bots/{id}", bot, null, alice));
    }

    @Test
    void maxPositionQuoteRefusesTheBuyThatWouldHoldMoreAndTheBotRunsOn() {
        candles(DAY, 100, 100, 100, 100, 100, 100, 100, 100);

        UUID bot = dca(alicePaper, "100", 1, "{\"maxPositionQuote\":\"350\"}", DAY, 8);

        // 3 buys of 100 hold about 299.6 at 100; a fourth would make 399.6
        assertThat(buys(bot)).containsExactly("FILLED", "FILLED", "FILLED");
        List<Map<String, Object>> refused = refusals(bot);
        assertThat(refused).hasSize(4).extracting(r -> r.get("check")).containsOnly("maxPositionQuote");
        assertThat((String) refused.get(0).get("message")).contains("more than maxPositionQuote 350");
        assertThat(botRow(bot)).containsEntry("last_error", null).containsEntry("status", "stopped");
        assertThat(jdbc.queryForObject("select count(*) from bot_events where bot_id = ? and type = 'ERROR'", Integer.class, bot))
                .isZero();
    }

    @Test
    void aBuyBelowTheMinimumNotionalOrBeyondTheFreeBalanceIsAnEventNotAnOrder() {
        candles(DAY, 100, 100, 100, 100, 100);

        UUID tiny = dca(alicePaper, "2", 1, null, DAY, 5);
        assertThat(buys(tiny)).isEmpty();
        assertThat(refusals(tiny)).hasSize(4).extracting(r -> r.get("check")).containsOnly("minNotional");
        assertThat(botRow(tiny)).containsEntry("last_error", null);

        // 10,000 USDT: two buys of 4,000, a third of the 2,000 left (a market buy for a quote amount is clipped to
        // the free quote, as the fill model clips it), then what is left over (the slippage's remainder) is below
        // the minimum order value: refused, never an order
        UUID big = dca(alicePaper, "4000", 1, null, DAY, 5);
        assertThat(buys(big)).containsExactly("FILLED", "FILLED", "FILLED");
        List<Map<String, Object>> refused = refusals(big);
        assertThat(refused).hasSize(1).extracting(r -> r.get("check")).containsOnly("minNotional");
        assertThat((String) refused.get(0).get("message")).contains("is below RISKUSDT's minimum order value");
        assertThat(botRow(big)).containsEntry("last_error", null);
    }

    @Test
    void anOrderThePassedChecksButTheExchangeRefusesStillStopsTheBotWithTheReason() {
        candles(DAY, 100, 100, 100, 100);
        jdbc.update("update symbols set status = 'HALT' where symbol = ?", SYMBOL);
        UUID channel = webhook(alice);
        try {
            UUID bot = dca(alicePaper, "100", 1, null, DAY, 4);

            Map<String, Object> row = botRow(bot);
            assertThat(row).containsEntry("status", "stopped");
            assertThat((String) row.get("last_error")).startsWith("the exchange refused order").contains("not trading");
            assertThat(buys(bot)).containsExactly("REJECTED");
            assertThat(refusals(bot)).isEmpty();
            assertThat(jdbc.queryForObject("select details->>'reason' from bot_events where bot_id = ? and type = 'BOT_STOPPED'",
                    String.class, bot)).isEqualTo("error");
            List<JsonNode> told = deliveries(channel);
            assertThat(told).extracting(d -> d.get("type").asString()).containsExactlyInAnyOrder("bot.started",
                    "order.rejected", "bot.stopped");
            JsonNode rejected = told.stream().filter(d -> d.get("type").asString().equals("order.rejected")).findFirst()
                    .orElseThrow().get("data");
            assertThat(rejected.get("code").asInt()).isEqualTo(-1013);
            assertThat(rejected.get("side").asString()).isEqualTo("BUY");
        }
        finally {
            jdbc.update("update symbols set status = 'TRADING' where symbol = ?", SYMBOL);
        }
    }

    @Test
    void maxOpenOrdersLetsOnlySoManyRestingOrdersThrough() {
        candles(DAY, 110, 110, 110, 110);

        // grid 80…120 in 5 levels below a close of 110: limit buys at 80, 90 and 100 on the first candle
        UUID bot = replay(alice, alicePaper, "grid", "{\"lower\":80,\"upper\":120,\"levels\":5,\"amountPerLevel\":100}",
                "{\"type\":\"fixed\",\"value\":\"100\"}", "{\"maxOpenOrders\":2}", DAY, DAY.plus(4, ChronoUnit.MINUTES));

        assertThat(jdbc.queryForList("select price from bot_orders where bot_id = ? and type = 'LIMIT' order by seq",
                BigDecimal.class, bot)).hasSize(2);
        assertThat(refusals(bot)).extracting(r -> r.get("check")).containsExactly("maxOpenOrders");
        assertThat((String) refusals(bot).get(0).get("message")).contains("limit buy").contains("maxOpenOrders is 2");
    }

    /** sma-cross 2/5 with a 1 % stop: a buy at 101, a sell at about 95 (below the stop), a new cross up soon after. */
    static final double[] STOPPED_OUT = { 100, 100, 100, 100, 100, 100, 100, 100, 101, 103, 106, 100, 95, 92, 96, 100, 105,
            108, 110, 110 };

    @Test
    void cooldownCandlesKeepsTheBotOutAfterAStopLossExit() {
        candles(DAY, STOPPED_OUT);
        String params = "{\"fast\":2,\"slow\":5,\"stopLoss\":0.01}";
        String sizing = "{\"type\":\"fixed\",\"value\":\"1000\"}";
        Instant to = DAY.plus(STOPPED_OUT.length, ChronoUnit.MINUTES);

        UUID free = replay(alice, alicePaper, "sma-cross", params, sizing, null, DAY, to);
        UUID cooled = replay(alice, alicePaper, "sma-cross", params, sizing, "{\"cooldownCandles\":10}", DAY, to);

        assertThat(buys(free)).as("without a cooldown it buys the second cross up").containsExactly("FILLED", "FILLED");
        assertThat(buys(cooled)).containsExactly("FILLED");
        List<Map<String, Object>> refused = refusals(cooled);
        assertThat(refused).extracting(r -> r.get("check")).containsExactly("cooldownCandles");
        assertThat((String) refused.get(0).get("message")).contains("a stop-loss exit filled at");
        // the refusal is on the candle the free bot bought on
        assertThat(refused.get(0).get("candle")).isEqualTo(jdbc.queryForObject("select candle_open_time from bot_orders "
                + "where bot_id = ? and side = 'BUY' order by seq desc limit 1", Timestamp.class, free).toInstant().toString());
    }

    /** dca buys 1,000 at about 100.05 on the first candle; then the price falls. */
    static final double[] FALL = { 100, 100, 100, 98, 96, 94, 92, 90, 88, 86 };

    @Test
    void maxDailyLossPctStopsTheBotForRiskAndFlattenOnStopSellsThroughTheOrderPath() {
        candles(DAY, FALL);
        UUID channel = webhook(alice);

        UUID bot = dca(alicePaper, "1000", 1000, "{\"maxDailyLossPct\":5,\"flattenOnStop\":true}", DAY, FALL.length);

        // at 96 the loss is about 41 (4.1 %), at 94 about 61: the bot stops on the candle that closed at 94
        Map<String, Object> row = botRow(bot);
        assertThat(row).containsEntry("status", "stopped");
        assertThat((String) row.get("last_error")).contains("maxDailyLossPct 5 % of its allocation of 1000");
        assertThat(((Timestamp) row.get("last_candle")).toInstant()).isEqualTo(DAY.plus(5, ChronoUnit.MINUTES));
        Map<String, Object> limit = jdbc.queryForMap("select details->>'limit' as limit, (details->>'dailyPnl')::numeric as pnl "
                + "from bot_events where bot_id = ? and type = 'RISK_LIMIT_REACHED'", bot);
        assertThat(limit).containsEntry("limit", "maxDailyLossPct");
        assertThat((BigDecimal) limit.get("pnl")).isBetween(new BigDecimal("-70"), new BigDecimal("-50"));
        assertThat(jdbc.queryForObject("select details->>'reason' from bot_events where bot_id = ? and type = 'BOT_STOPPED'",
                String.class, bot)).isEqualTo("risk");
        List<Map<String, Object>> sells = jdbc.queryForList("select reason, status from bot_orders where bot_id = ? and side = 'SELL'",
                bot);
        assertThat(sells).hasSize(1);
        assertThat(sells.get(0)).containsEntry("reason", "flatten").containsEntry("status", "FILLED");
        assertThat(view(bot).get("position").get("flat").asBoolean()).isTrue();
        List<AuditEvent> stops = audit.events().stream().filter(e -> e.type().equals(BotLifecycle.AUDIT_RISK_STOPPED)).toList();
        assertThat(stops).hasSize(1);
        assertThat(stops.get(0).userId()).isEqualTo(alice);
        assertThat(stops.get(0).requestId()).startsWith("run-" + bot);
        assertThat(stops.get(0).detail()).contains("maxDailyLossPct");
        List<JsonNode> told = deliveries(channel);
        assertThat(told).extracting(d -> d.get("type").asString()).containsExactlyInAnyOrder("bot.started", "order.filled",
                "risk.limit_reached", "bot.stopped", "order.filled");
        JsonNode stopped = told.stream().filter(d -> d.get("type").asString().equals("bot.stopped")).findFirst().orElseThrow();
        assertThat(stopped.get("data").get("reason").asString()).isEqualTo("risk");
        JsonNode reached = told.stream().filter(d -> d.get("type").asString().equals("risk.limit_reached")).findFirst()
                .orElseThrow();
        assertThat(reached.get("data").get("limit").asString()).isEqualTo("maxDailyLossPct");
        assertThat(reached.get("data").get("botId").asString()).isEqualTo(bot.toString());
    }

    @Test
    void withoutFlattenOnStopARiskStopKeepsThePosition() {
        candles(DAY, FALL);

        UUID bot = dca(alicePaper, "1000", 1000, "{\"maxDailyLossPct\":5}", DAY, FALL.length);

        assertThat(botRow(bot)).containsEntry("status", "stopped");
        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ? and side = 'SELL'", Integer.class, bot))
                .isZero();
        assertThat(view(bot).get("position").get("flat").asBoolean()).isFalse();
        assertThat(jdbc.queryForList("select type from bot_events where bot_id = ? order by seq", String.class, bot))
                .endsWith("RISK_LIMIT_REACHED", "BOT_STOPPED");
    }

    @Test
    void theDailyLossCountsFromMidnightUtcOnly() {
        // bought at about 100 before midnight, 96 at midnight (-4 %), 92 after it (-4 % today, -8 % in all)
        Instant from = Instant.parse("2025-03-03T23:54:00Z");
        candles(from, 100, 100, 100, 98, 97, 96, 95, 94, 93, 92, 92);

        UUID bot = dca(alicePaper, "1000", 1000, "{\"maxDailyLossPct\":5}", from, 11);

        assertThat(botRow(bot)).as("the replay ran to its end").containsEntry("last_error", null);
        assertThat(((Timestamp) botRow(bot).get("last_candle")).toInstant()).isEqualTo(from.plus(10, ChronoUnit.MINUTES));
        assertThat(jdbc.queryForObject("select count(*) from bot_events where bot_id = ? and type = 'RISK_LIMIT_REACHED'",
                Integer.class, bot)).isZero();
    }

    @Test
    void theAccountsDailyLossLimitCountsAllItsBots() {
        // each dca bot alone loses about 21.5 by the close of 98; the account allows 30 a day
        candles(DAY, 100, 100, 100, 99.5, 99, 98.5, 98, 98);
        APIGatewayV2HTTPResponse limited = updateAccount.apply(ApiEvents.request("PATCH", "/api/accounts/" + alicePaper,
                "{\"dailyLossLimitQuote\":\"30\"}").pathParameter("id", alicePaper.toString()).authorizedAs(alice).event());
        assertThat(limited.getStatusCode()).as(limited.getBody()).isEqualTo(200);
        assertThat(body(limited).get("dailyLossLimitQuote").asString()).isEqualTo("30");

        UUID first = dca(alicePaper, "1000", 1000, null, DAY, 8);
        UUID second = dca(alicePaper, "1000", 1000, null, DAY, 8);

        assertThat(botRow(first)).as("alone within the limit").containsEntry("last_error", null);
        Map<String, Object> row = botRow(second);
        assertThat((String) row.get("last_error")).contains("dailyLossLimitQuote 30");
        assertThat(jdbc.queryForObject("select details->>'limit' from bot_events where bot_id = ? and type = 'RISK_LIMIT_REACHED'",
                String.class, second)).isEqualTo("dailyLossLimitQuote");
        // the second stopped before the end: its loss with the first's reached 30 at a close above 98
        assertThat(((Timestamp) row.get("last_candle")).toInstant()).isBefore(DAY.plus(7, ChronoUnit.MINUTES));
    }
}
