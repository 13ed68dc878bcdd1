package app.tradebot.bots;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.exchange.Kline;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.platform.jobs.Lease;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tickBots and runBot on a live paper bot: every closed candle after the bot's start is shown once, in
 * order; the strategy's buy is one order row recorded with the cursor and sent; a redelivery or a second
 * tick does nothing again; a run held by another worker runs nothing; a buy the pre-trade checks refuse (too
 * small, or decided on a candle older than maxSignalAge) is an event, never an order, and the bot runs on.
 */
class RunBotIT extends BotsSupport {

    /** Flat, then a rise (sma 2 crosses above sma 5), a top, then a fall. */
    static final double[] CLOSES = { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 101, 103, 106, 110, 115, 118, 119,
            118, 115, 110, 104, 99, 95, 92, 90, 90, 90 };

    @Autowired
    Jobs jobs;

    List<Kline> klines;

    @BeforeEach
    void candles() {
        jdbc.update("delete from candles where symbol = 'BTCUSDT' and interval = '1m'");
        klines = minutes(CLOSES, new BigDecimal("110"));
    }

    /** The candle on which sma(2) first crosses above sma(5), computed here independently of the strategy. */
    Instant firstCrossUp(int from) {
        double previous = Double.NaN;
        for (int i = 4; i < CLOSES.length; i++) {
            double fast = (CLOSES[i] + CLOSES[i - 1]) / 2;
            double slow = (CLOSES[i] + CLOSES[i - 1] + CLOSES[i - 2] + CLOSES[i - 3] + CLOSES[i - 4]) / 5;
            double spread = fast - slow;
            if (i >= from && previous <= 0 && spread > 0) {
                return klines.get(i).openTime();
            }
            previous = spread;
        }
        throw new AssertionError("no cross");
    }

    @Test
    void everyClosedCandleAfterTheStartIsProcessedOnceAndTheBuyIsRecordedAndSent() {
        UUID bot = created(alice, botBody(alicePaper, StopAllBotsIT.CATCH_UP));
        // started just before the tenth candle opened: candles 9.. close after the start
        runningSince(bot, klines.get(9).openTime().plusSeconds(30));
        // both ticks as scheduled just after the newest candle closed: with the real clock, a minute
        // turning between them would make the bot due again (a candle after the cursor "closed")
        Instant last = klines.get(klines.size() - 1).openTime();
        Instant tickedAt = klines.get(klines.size() - 1).closeTime().plusMillis(1);

        tick(tickedAt);
        run(bot);

        assertThat(jdbc.queryForObject("select last_candle from bots where id = ?", Timestamp.class, bot).toInstant())
                .isEqualTo(last);
        List<Map<String, Object>> orders = jdbc.queryForList(
                "select side, type, quote_quantity, candle_open_time, status, client_order_id from bot_orders where bot_id = ?"
                        + " order by seq", bot);
        assertThat(orders).isNotEmpty();
        Map<String, Object> buy = orders.get(0);
        assertThat(buy).containsEntry("side", "BUY").containsEntry("type", "MARKET");
        assertThat((BigDecimal) buy.get("quote_quantity")).isEqualByComparingTo("100");
        assertThat(((Timestamp) buy.get("candle_open_time")).toInstant()).isEqualTo(firstCrossUp(9));
        assertThat((String) buy.get("status")).isNotEqualTo("NEW");
        assertThat(((String) buy.get("client_order_id")).length()).isLessThanOrEqualTo(36);
        assertThat(jdbc.queryForObject("select count(*) from bot_events where bot_id = ? and type = 'DECISION'",
                Integer.class, bot)).isEqualTo(orders.size());
        int attempts = jdbc.queryForObject("select attempt from bot_runs where id = ?", Integer.class, bot);

        // the same task again, and a tick with no new candle: nothing happens twice
        run(bot);
        tick(tickedAt);
        run(bot);

        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ?", Integer.class, bot))
                .isEqualTo(orders.size());
        assertThat(jdbc.queryForObject("select attempt from bot_runs where id = ?", Integer.class, bot)).isEqualTo(attempts);
        assertThat(jdbc.queryForObject("select status from bots where id = ?", String.class, bot)).isEqualTo("running");
    }

    @Test
    void theListCarriesEachBotsPnlAsGetBotShowsIt() {
        UUID traded = created(alice, botBody(alicePaper, StopAllBotsIT.CATCH_UP));
        UUID idle = created(alice, botBody(alicePaper, "").replace("Trend", "Idle"));
        runningSince(traded, klines.get(9).openTime().plusSeconds(30));
        tick();
        run(traded);

        JsonNode bot = body(call(getBot, "GET", "/api/bots/{id}", traded, null, alice));
        BigDecimal total = new BigDecimal(bot.get("realizedPnl").asString()).add(new BigDecimal(bot.get("unrealizedPnl").asString()));
        assertThat(total).as("the bot traded: its PnL is not zero").isNotEqualByComparingTo("0");
        JsonNode listed = body(listBots.apply(ApiEvents.get("/api/bots").authorizedAs(alice).event())).get("bots");
        assertThat(listed).hasSize(2);
        for (JsonNode row : listed) {
            JsonNode one = body(call(getBot, "GET", "/api/bots/{id}", UUID.fromString(row.get("id").asString()), null, alice));
            assertThat(row.get("realizedPnl").asString()).isEqualTo(one.get("realizedPnl").asString());
            assertThat(row.get("unrealizedPnl").asString()).isEqualTo(one.get("unrealizedPnl").asString());
        }
        JsonNode idleRow = listed.get(0).get("id").asString().equals(idle.toString()) ? listed.get(0) : listed.get(1);
        assertThat(new BigDecimal(idleRow.get("realizedPnl").asString())).isEqualByComparingTo("0");
    }

    @Test
    void aBotWhoseLeaseAnotherWorkerHoldsIsNotRunTwice() {
        UUID bot = created(alice, botBody(alicePaper, ""));
        runningSince(bot, klines.get(9).openTime().plusSeconds(30));
        tick();
        Lease other = jobs.claim(BotsFunctions.BOT_RUNS, bot).orElseThrow();

        run(bot);

        assertThat(jdbc.queryForObject("select last_candle from bots where id = ?", Timestamp.class, bot)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ?", Integer.class, bot)).isZero();
        assertThat(other.fence()).isEqualTo(1);
    }

    @Test
    void aBuyBelowTheMinimumNotionalIsRefusedBeforeItIsSentAndTheBotRunsOn() {
        // 1 USDT: below BTCUSDT's minimum notional of 5
        UUID bot = created(alice, botBody(alicePaper, StopAllBotsIT.CATCH_UP).replace("\"value\":\"100\"", "\"value\":\"1\""));
        runningSince(bot, klines.get(9).openTime().plusSeconds(30));
        tick();

        run(bot);

        Map<String, Object> row = jdbc.queryForMap("select status, last_error, last_candle from bots where id = ?", bot);
        assertThat(row).containsEntry("status", "running").containsEntry("last_error", null);
        assertThat(((Timestamp) row.get("last_candle")).toInstant()).isEqualTo(klines.get(klines.size() - 1).openTime());
        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ?", Integer.class, bot)).isZero();
        Map<String, Object> refused = jdbc.queryForMap("select details->>'check' as check, details->>'candle' as candle "
                + "from bot_events where bot_id = ? and type = 'INTENT_REFUSED'", bot);
        assertThat(refused).containsEntry("check", "minNotional").containsEntry("candle", firstCrossUp(9).toString());
    }

    @Test
    void aLiveBotCatchingUpDoesNotTradeOnACandleOlderThanMaxSignalAge() {
        // the default 300 s: the cross up closed about 15 minutes ago
        UUID bot = created(alice, botBody(alicePaper, ""));
        runningSince(bot, klines.get(9).openTime().plusSeconds(30));
        tick();

        run(bot);

        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ?", Integer.class, bot)).isZero();
        List<Map<String, Object>> refused = jdbc.queryForList("select details->>'check' as check, details->>'candle' as candle, "
                + "message from bot_events where bot_id = ? and type = 'INTENT_REFUSED' order by seq", bot);
        assertThat(refused).extracting(r -> r.get("check")).containsOnly("maxSignalAgeSeconds");
        assertThat(refused.get(0)).containsEntry("candle", firstCrossUp(9).toString());
        assertThat((String) refused.get(0).get("message")).contains("longer than maxSignalAgeSeconds 300 allows");
        assertThat(jdbc.queryForObject("select status from bots where id = ?", String.class, bot)).isEqualTo("running");
    }
}
