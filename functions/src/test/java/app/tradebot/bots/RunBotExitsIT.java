package app.tradebot.bots;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.exchange.FakeBinance.PlacedOrder;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.exchange.Kline;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * runBot on a Binance account (the fake Binance): a buy with a take-profit sends the buy, then holds the
 * protection (nothing of it on the exchange); the runner checks it against each closed candle and, on the
 * candle whose high trades through it, sends one MARKET sell-all under its own client order id. Running the
 * bot again sells nothing more.
 */
class RunBotExitsIT extends BotsSupport {

    static final String KEY = "exitsRunnerKey0001";
    static final String SECRET = "exitsRunnerSecret0001";

    @Test
    void aTakeProfitHeldByTheBotIsCheckedOnEachClosedCandleAndSoldOnce() {
        jdbc.update("delete from candles where symbol = 'BTCUSDT' and interval = '1m'");
        List<Kline> klines = minutes(RunBotIT.CLOSES, new BigDecimal("110"));
        BINANCE.addKey(KEY, SECRET, new KeyPermissions(true, true, false));
        BINANCE.setBalance(KEY, "USDT", new BigDecimal("10000"));
        BINANCE.setBalance(KEY, "BTC", BigDecimal.ZERO);
        int ordersBefore = BINANCE.orders(KEY).size();
        APIGatewayV2HTTPResponse account = createAccount.apply(app.tradebot.platform.http.ApiEvents.post("/api/accounts",
                "{\"name\":\"Binance\",\"kind\":\"binance\",\"apiKey\":\"" + KEY + "\",\"apiSecret\":\"" + SECRET + "\"}")
                .authorizedAs(alice).event());
        assertThat(account.getStatusCode()).as(account.getBody()).isEqualTo(201);
        UUID accountId = UUID.fromString(body(account).get("id").asString());
        UUID bot = created(alice, botBody(accountId, StopAllBotsIT.CATCH_UP).replace("\"params\":{\"fast\":2,\"slow\":5}",
                "\"params\":{\"fast\":2,\"slow\":5,\"takeProfit\":0.05}"));
        runningSince(bot, klines.get(9).openTime().plusSeconds(30));

        tick();
        run(bot);

        List<Map<String, Object>> orders = jdbc.queryForList("""
                select type, side, status, intent_index, candle_open_time, take_profit, take_profit_price, exchange_order_id
                from bot_orders where bot_id = ? order by seq""", bot);
        assertThat(orders).extracting(o -> o.get("type") + " " + o.get("side") + " " + o.get("status"))
                .containsExactly("MARKET BUY FILLED", "PROTECT SELL TRIGGERED", "MARKET SELL FILLED");
        Map<String, Object> protection = orders.get(1);
        assertThat((BigDecimal) protection.get("take_profit")).isEqualByComparingTo("0.05");
        // 100 USDT at 110: 0.90909 BTC less its 0.1 % fee; 5 % above that average cost, up to the tick
        assertThat((BigDecimal) protection.get("take_profit_price")).isEqualByComparingTo("115.62");
        assertThat(protection.get("exchange_order_id")).as("never sent to Binance").isNull();
        Map<String, Object> exit = orders.get(2);
        assertThat(exit.get("intent_index")).isEqualTo(999_999);
        // the first candle whose high (118) trades through 115.62
        assertThat(((Timestamp) exit.get("candle_open_time")).toInstant()).isEqualTo(klines.get(15).openTime());
        List<PlacedOrder> placed = BINANCE.orders(KEY).subList(ordersBefore, BINANCE.orders(KEY).size());
        assertThat(placed).extracting(o -> o.side() + " " + o.type()).containsExactly("BUY MARKET", "SELL MARKET");
        assertThat(jdbc.queryForList("select type from bot_events where bot_id = ? order by seq", String.class, bot))
                .contains("EXIT_ARMED", "EXIT_TRIGGERED");
        assertThat(jdbc.queryForObject("select status from bots where id = ?", String.class, bot)).isEqualTo("running");

        // redelivered, and a tick with no new candle: no second sell
        run(bot);
        tick();
        run(bot);
        assertThat(BINANCE.orders(KEY)).hasSize(ordersBefore + 2);
        assertThat(jdbc.queryForObject("select count(*) from bot_orders where bot_id = ?", Integer.class, bot)).isEqualTo(3);
    }
}
