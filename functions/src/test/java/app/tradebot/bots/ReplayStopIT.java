package app.tradebot.bots;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.exchange.Balance;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.paper.PaperExchanges;
import app.tradebot.strategy.RealCandles;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stopBot on a replay bot does what it does for a live paper bot, on the replay: its resting orders are
 * cancelled (their reserved funds freed) and, with {@code flatten}, its position is sold at market through
 * the order path, at the open of the candle after its cursor (plus slippage), the replay's clock.
 */
class ReplayStopIT extends BotsSupport {

    static final Instant FROM = Instant.parse("2021-01-01T00:00:00Z");
    static final Instant CURSOR_RANGE_END = Instant.parse("2021-07-01T00:00:00Z");
    static final Instant TO = Instant.parse("2022-01-01T00:00:00Z");

    @Autowired
    PaperExchanges paper;

    @Test
    void stoppingAReplayBotCancelsItsRestingOrdersAndSellsItsPositionAtTheNextOpen() {
        storeImported(alice, ReplayParityIT.SYMBOL, RealCandles.btcUsd4h(), Interval.H4);
        UUID account = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Replay', 'paper')", account, alice);
        paper.open(account, Map.of("USD", new BigDecimal("10000")));
        UUID bot = created(alice, "{\"name\":\"grid\",\"accountId\":\"" + account + "\",\"symbol\":\"BTCUSD\",\"interval\":\"4h\","
                + "\"strategy\":\"grid\",\"params\":{\"lower\":20000,\"upper\":60000,\"levels\":9,\"amountPerLevel\":1000},"
                + "\"sizing\":{\"type\":\"fixed\",\"value\":\"1000\"},"
                + "\"replay\":{\"from\":\"" + FROM + "\",\"to\":\"" + CURSOR_RANGE_END + "\"}}");
        assertThat(call(startBot, "POST", "/api/bots/{id}/start", bot, null, alice).getStatusCode()).isEqualTo(200);
        run(bot);
        // As if it had been stopped while running at its cursor: the range goes on after it.
        jdbc.update("update bots set status = 'running', replay_to = ? where id = ?", Timestamp.from(TO), bot);
        Instant cursor = jdbc.queryForObject("select last_candle from bots where id = ?", Timestamp.class, bot).toInstant();
        List<UUID> resting = jdbc.queryForList("select id from bot_orders where bot_id = ? and status = 'OPEN'", UUID.class, bot);
        assertThat(resting).as("the grid has resting orders at its cursor").isNotEmpty();
        assertThat(total(account, "BTC")).as("and holds coins").isPositive();
        assertThat(locked(account)).isPositive();

        APIGatewayV2HTTPResponse stopped = call(stopBot, "POST", "/api/bots/{id}/stop", bot,
                "{\"cancelOrders\":true,\"flatten\":true}", alice);

        assertThat(stopped.getStatusCode()).as(stopped.getBody()).isEqualTo(200);
        assertThat(body(stopped).get("status").asString()).isEqualTo("stopped");
        assertThat(jdbc.queryForList("select status from bot_orders where id in (" + String.join(",",
                resting.stream().map(id -> "'" + id + "'").toList()) + ")", String.class)).containsOnly("CANCELED");
        assertThat(locked(account)).as("nothing reserved any more").isZero();
        Map<String, Object> flatten = jdbc.queryForMap("""
                select o.status, f.price, f.time, f.quantity from bot_orders o join bot_fills f on f.order_id = o.id
                where o.bot_id = ? and o.intent_index = 1000000""", bot);
        assertThat(flatten.get("status")).isEqualTo("FILLED");
        // the first price after the decision: the next candle's open, 5 bp of slippage against the seller
        Instant next = cursor.plusSeconds(4 * 3600);
        BigDecimal open = jdbc.queryForObject("select open from imported_candles where user_id = ? and symbol = 'BTCUSD'"
                + " and interval = '4h' and open_time = ?", BigDecimal.class, alice, Timestamp.from(next));
        assertThat(((Timestamp) flatten.get("time")).toInstant()).isEqualTo(next);
        assertThat((BigDecimal) flatten.get("price")).isEqualByComparingTo(open.multiply(new BigDecimal("0.9995"))
                .setScale(8, RoundingMode.DOWN));
        assertThat(total(account, "BTC")).as("the position is sold").isZero();
        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ? and status in ('NEW', 'OPEN')",
                Integer.class, bot)).isZero();
    }

    private BigDecimal total(UUID account, String asset) {
        return paper.exchange(account).account().balances().stream().filter(b -> b.asset().equals(asset))
                .map(b -> b.free().add(b.locked())).findFirst().orElse(BigDecimal.ZERO);
    }

    private BigDecimal locked(UUID account) {
        return paper.exchange(account).account().balances().stream().map(Balance::locked).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }
}
