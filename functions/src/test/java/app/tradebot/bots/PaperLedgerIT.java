package app.tradebot.bots;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.paper.PaperExchanges;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.strategy.RealCandles;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The paper ledger reconciles to the smallest unit (issue 10, T5): replay bots run over the real BTC 4h series
 * (2016–2025, stored as the imported symbol LDGUSDT) through the runner, the order path and the paper
 * exchange, hundreds of orders each; then every change of the paper account's balances is exactly its fills'
 * quantities and quote amounts less their commissions, order by order, nothing else moved money but the
 * deposit, and the balances are the deposit plus the fills. The portfolio then shows those balances priced
 * at the latest close and the bot's figures exactly as the bot's own view, and the bot's realised plus
 * unrealised PnL is what the account gained.
 */
class PaperLedgerIT extends BotsSupport {

    static final String SYMBOL = "LDGUSDT";
    static final Instant FROM = Instant.parse("2016-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-01T00:00:00Z");
    static final BigDecimal DEPOSIT = new BigDecimal("10000");

    @Autowired
    PaperExchanges paper;

    @Autowired
    @Qualifier("getPortfolio")
    ApiFunction getPortfolio;

    static List<Object[]> bots() {
        return List.of(
                new Object[] { "sma-cross", "{\"fast\":5,\"slow\":12}", "percent", "100" },
                new Object[] { "rsi-reversion", "{\"period\":7,\"oversold\":35,\"overbought\":65}", "fixed", "1500" },
                new Object[] { "ema-cross", "{\"fast\":3,\"slow\":8}", "percent", "37.5" });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bots")
    void everyBalanceChangeIsTheFillsLessTheirFees(String strategy, String params, String sizingType, String sizingValue) {
        storeImported(alice, SYMBOL, RealCandles.btcUsd4h(), Interval.H4);
        UUID account = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Ledger', 'paper')", account, alice);
        paper.open(account, Map.of("USDT", DEPOSIT));
        UUID bot = created(alice, "{\"name\":\"" + strategy + "\",\"accountId\":\"" + account + "\",\"symbol\":\"" + SYMBOL
                + "\",\"interval\":\"4h\",\"strategy\":\"" + strategy + "\",\"params\":" + params
                + ",\"sizing\":{\"type\":\"" + sizingType + "\",\"value\":\"" + sizingValue + "\"},"
                + "\"replay\":{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}}");
        APIGatewayV2HTTPResponse started = call(startBot, "POST", "/api/bots/{id}/start", bot, null, alice);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(200);
        run(bot);
        assertThat(jdbc.queryForMap("select status, last_error from bots where id = ?", bot))
                .containsEntry("status", "stopped").containsEntry("last_error", null);

        // What the fills say each order moved: base in and quote out on a buy (the reverse on a sell), less the commission.
        Map<String, Map<String, BigDecimal>> byFills = new TreeMap<>();
        int[] fills = { 0 };
        jdbc.query("""
                select o.client_order_id, f.side, f.quantity, f.quote_quantity, f.commission, f.commission_asset
                from bot_fills f join bot_orders o on o.id = f.order_id where f.bot_id = ?""", rs -> {
            fills[0]++;
            Map<String, BigDecimal> moved = byFills.computeIfAbsent(rs.getString("client_order_id"), id -> new TreeMap<>());
            boolean buy = rs.getString("side").equals("BUY");
            moved.merge("LDG", buy ? rs.getBigDecimal("quantity") : rs.getBigDecimal("quantity").negate(), BigDecimal::add);
            moved.merge("USDT", buy ? rs.getBigDecimal("quote_quantity").negate() : rs.getBigDecimal("quote_quantity"),
                    BigDecimal::add);
            moved.merge(rs.getString("commission_asset"), rs.getBigDecimal("commission").negate(), BigDecimal::add);
        }, bot);
        assertThat(fills[0]).as(strategy + " trades through the whole series").isGreaterThan(40);

        // What the ledger says each order moved (free and locked together: a lock moves money within the account).
        Map<String, Map<String, BigDecimal>> byLedger = new TreeMap<>();
        jdbc.query("""
                select client_order_id, asset, sum(free_change + locked_change) as moved from paper_ledger
                where account_id = ? and client_order_id is not null group by client_order_id, asset""", rs -> {
            byLedger.computeIfAbsent(rs.getString("client_order_id"), id -> new TreeMap<>())
                    .put(rs.getString("asset"), rs.getBigDecimal("moved"));
        }, account);

        assertThat(exact(byLedger)).as("every order's balance changes are its fills less their fees").isEqualTo(exact(byFills));
        assertThat(jdbc.queryForList("select reason || ' ' || asset || ' ' || free_change from paper_ledger "
                + "where account_id = ? and client_order_id is null", String.class, account))
                .as("nothing but the deposit moved money without an order").containsExactly("DEPOSIT USDT 10000");

        Map<String, BigDecimal> expected = new TreeMap<>(Map.of("USDT", DEPOSIT));
        byFills.values().forEach(moved -> moved.forEach((asset, amount) -> expected.merge(asset, amount, BigDecimal::add)));
        Map<String, BigDecimal> balances = new TreeMap<>();
        Map<String, BigDecimal> ledgerSums = new TreeMap<>();
        jdbc.query("select asset, free, locked from paper_balances where account_id = ?", rs -> {
            assertThat(rs.getBigDecimal("locked")).as("nothing stays locked after the replay").isZero();
            balances.put(rs.getString("asset"), rs.getBigDecimal("free"));
        }, account);
        jdbc.query("select asset, sum(free_change) as free from paper_ledger where account_id = ? group by asset",
                rs -> {
                    ledgerSums.put(rs.getString("asset"), rs.getBigDecimal("free"));
                }, account);
        assertThat(exact(Map.of("balances", balances))).as("the balances are the deposit plus the fills")
                .isEqualTo(exact(Map.of("balances", expected)));
        assertThat(exact(Map.of("balances", ledgerSums))).as("the balances are the ledger's sums")
                .isEqualTo(exact(Map.of("balances", balances)));

        JsonNode view = body(call(getBot, "GET", "/api/bots/{id}", bot, null, alice));
        assertThat(decimal(view.get("position").get("quantity")))
                .as("the bot's position from its fills is what the account holds, to the unit")
                .isEqualByComparingTo(balances.getOrDefault("LDG", BigDecimal.ZERO));

        // The portfolio: the same balances priced at the latest close, and the bot exactly as its own view shows it.
        BigDecimal lastClose = jdbc.queryForObject("select close from imported_candles where user_id = ? and symbol = ? order by open_time desc limit 1",
                BigDecimal.class, alice, SYMBOL);
        APIGatewayV2HTTPResponse response = getPortfolio.apply(ApiEvents.get("/api/portfolio").authorizedAs(alice).event());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode shown = null;
        for (JsonNode a : body(response).get("accounts")) {
            if (a.get("accountId").asString().equals(account.toString())) {
                shown = a;
            }
        }
        assertThat(shown).as(response.getBody()).isNotNull();
        assertThat(shown.get("error").isNull()).isTrue();
        BigDecimal total = BigDecimal.ZERO;
        Map<String, BigDecimal> shownBalances = new TreeMap<>();
        for (JsonNode b : shown.get("balances")) {
            String asset = b.get("asset").asString();
            BigDecimal price = asset.equals("USDT") ? BigDecimal.ONE : lastClose;
            assertThat(decimal(b.get("priceUsdt"))).as(asset).isEqualByComparingTo(price);
            assertThat(decimal(b.get("valueUsdt"))).as(asset).isEqualByComparingTo(decimal(b.get("free"))
                    .add(decimal(b.get("locked"))).multiply(price));
            shownBalances.put(asset, decimal(b.get("free")).add(decimal(b.get("locked"))));
            total = total.add(decimal(b.get("valueUsdt")));
        }
        assertThat(exact(Map.of("balances", shownBalances))).isEqualTo(exact(Map.of("balances", balances)));
        assertThat(decimal(shown.get("valueUsdt"))).isEqualByComparingTo(total);
        assertThat(shown.get("unpriced").size()).isZero();
        JsonNode shownBot = shown.get("bots").get(0);
        assertThat(shown.get("bots").size()).isOne();
        assertThat(shownBot.get("botId").asString()).isEqualTo(bot.toString());
        assertThat(shownBot.get("quoteAsset").asString()).isEqualTo("USDT");
        assertThat(shownBot.get("status").asString()).isEqualTo("stopped");
        assertThat(decimal(shownBot.get("position"))).isEqualByComparingTo(decimal(view.get("position").get("quantity")));
        assertThat(nullable(shownBot.get("avgEntryPrice"))).isEqualTo(nullable(view.get("position").get("averageEntryPrice")));
        assertThat(decimal(shownBot.get("lastPrice"))).isEqualByComparingTo(lastClose)
                .isEqualByComparingTo(decimal(view.get("position").get("markPrice")));
        assertThat(decimal(shownBot.get("realisedPnl"))).isEqualByComparingTo(decimal(view.get("realizedPnl")));
        assertThat(decimal(shownBot.get("unrealisedPnl"))).isEqualByComparingTo(decimal(view.get("unrealizedPnl")));
        // Average cost with fees: what the bot made, realised and not, is what the account gained (the average
        // cost's 18-digit division aside, which rounds once per sell).
        assertThat(decimal(shownBot.get("realisedPnl")).add(decimal(shownBot.get("unrealisedPnl"))))
                .isCloseTo(total.subtract(DEPOSIT), within(new BigDecimal("1e-12")));
        System.out.printf("paper ledger %s: %d fills over %d orders, balances %s, PnL %s%n", strategy, fills[0],
                byFills.size(), balances, total.subtract(DEPOSIT).toPlainString());
    }

    /** Amounts compared by value: {@code 1.50} and {@code 1.5} are one amount; a zero is no entry. */
    static Map<String, Map<String, String>> exact(Map<String, Map<String, BigDecimal>> amounts) {
        Map<String, Map<String, String>> plain = new HashMap<>();
        amounts.forEach((key, byAsset) -> {
            Map<String, String> assets = new TreeMap<>();
            byAsset.forEach((asset, amount) -> {
                if (amount.signum() != 0) {
                    assets.put(asset, amount.stripTrailingZeros().toPlainString());
                }
            });
            plain.put(key, assets);
        });
        return plain;
    }

    static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.asString());
    }

    static String nullable(JsonNode node) {
        return node == null || node.isNull() ? null : new BigDecimal(node.asString()).stripTrailingZeros().toPlainString();
    }
}
