package app.tradebot.market;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static app.tradebot.platform.http.JsonDecimals.decimal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imported candles are the importer's own (issue 12 item 6): another user never sees them, in a chart, a
 * ticker, a backtest, an optimisation, a bot or the symbols list (the portfolio's prices: PortfolioIT); where the exchange's candles exist they win, and nothing
 * imported is lost.
 */
class ImportedCandlesIT extends MarketFunctionsSupport {

    static final Instant T0 = Instant.parse("2016-05-18T04:00:00Z");
    static final Instant T1 = Instant.parse("2016-05-18T08:00:00Z");
    static final Instant T2 = Instant.parse("2016-05-18T12:00:00Z");
    /** The real file's first three candles: closes 456.02, 456.1 and 457.4 (opening at T0, T1, T2). */
    static final String THREE = REAL_4H_CSV.lines().limit(4).map(line -> line + "\n").reduce("", String::concat);
    static final String RANGE = "&interval=4h&from=2016-05-18T00:00:00Z&to=2016-05-19T00:00:00Z";

    @Autowired CandleHistory history;
    @Autowired CandleFeed feed;
    @Autowired @Qualifier("submitBacktest") ApiFunction submitBacktest;
    @Autowired @Qualifier("submitOptimization") ApiFunction submitOptimization;
    @Autowired @Qualifier("createBot") ApiFunction createBot;

    @Test
    void anImportedSymbolIsKnownToItsImporterOnly() {
        ok(importCsv("?symbol=XYZUSD&interval=4h", THREE, alice), 200);

        assertThat(symbols(alice)).containsExactly("XYZUSD import");
        assertThat(symbols(bob)).isEmpty();
        assertThat(closes(alice, "XYZUSD")).containsExactly("456.02", "456.1", "457.4");
        assertThat(errors(assertProblem(get(getCandles, "/api/market/candles?symbol=XYZUSD" + RANGE, bob), 400)))
                .containsExactly("symbol: is not a known symbol: see GET /api/market/symbols");
        assertThat(decimal(ok(ticker("XYZUSD", alice), 200).get("price"))).isEqualByComparingTo("457.4");
        assertThat(errors(assertProblem(ticker("XYZUSD", bob), 400)))
                .containsExactly("symbol: is not a known symbol: see GET /api/market/symbols");

        // what backtests, optimisations and replays read
        assertThat(history.count(alice, "XYZUSD", Interval.H4, T0, T2.plusSeconds(1))).isEqualTo(3);
        assertThat(history.count(bob, "XYZUSD", Interval.H4, T0, T2.plusSeconds(1))).isZero();
        assertThat(history.load(bob, "XYZUSD", Interval.H4, T0, T2.plusSeconds(1)).size()).isZero();
        assertThat(history.rules(alice, "XYZUSD")).isEqualTo(SymbolRules.unfiltered("XYZUSD", "XYZ", "USD"));
        assertThat(history.rules(bob, "XYZUSD")).isEqualTo(SymbolRules.unfiltered("XYZUSD", null, null));
        // what the bot runner reads
        assertThat(feed.of(alice).source("XYZUSD")).isEqualTo(CandleFeed.SymbolSource.IMPORT);
        assertThat(feed.of(bob).source("XYZUSD")).isNull();
        assertThat(feed.live(alice).range("XYZUSD", Interval.H4, T0, T2.plusSeconds(1), 10)).hasSize(3);
        assertThat(feed.live(bob).range("XYZUSD", Interval.H4, T0, T2.plusSeconds(1), 10)).isEmpty();

        // bob's backtest and bot on alice's symbol are refused, and store nothing
        JsonNode backtest = assertProblem(backtest(bob, "XYZUSD"), 400);
        assertThat(backtest.get("detail").asString()).startsWith("No XYZUSD 4h candles are stored");
        assertThat(jdbc.queryForObject("select count(*) from backtests", Long.class)).isZero();
        assertThat(backtest(alice, "XYZUSD").getStatusCode()).isEqualTo(202);
        JsonNode optimisation = assertProblem(optimisation(bob, "XYZUSD"), 400);
        assertThat(optimisation.get("detail").asString()).startsWith("No XYZUSD 4h candles are stored");
        assertThat(jdbc.queryForObject("select count(*) from optimizations", Long.class)).isZero();
        assertThat(optimisation(alice, "XYZUSD").getStatusCode()).isEqualTo(202);
        assertThat(errors(assertProblem(bot(bob, "XYZUSD"), 400)))
                .containsExactly("symbol: is not a known symbol (neither listed by the exchange nor imported)");
        assertThat(jdbc.queryForObject("select count(*) from bots where user_id = ?", Long.class, bob)).isZero();
        assertThat(bot(alice, "XYZUSD").getStatusCode()).isEqualTo(201);

        // bob's own file under the same name is his, and leaves alice's as it was
        String bobs = "1463544000000,1,1,1,1,1\n1463558400000,2,2,2,2,2\n";
        JsonNode result = ok(importCsv("?symbol=XYZUSD&interval=4h", bobs, bob), 200);
        assertThat(result.get("imported").asLong()).isEqualTo(2);
        assertThat(closes(bob, "XYZUSD")).containsExactly("1", "2");
        assertThat(closes(alice, "XYZUSD")).containsExactly("456.02", "456.1", "457.4");
    }

    @Test
    void theExchangesCandlesWinWhereBothExistAndTheImportIsKept() {
        jdbc.update("insert into symbols (symbol, base_asset, quote_asset, status, source) values ('BTCUSDT', 'BTC', 'USDT', 'TRADING', 'exchange')");
        exchangeCandle(T0, "1000");
        exchangeCandle(T1, "1001");

        JsonNode result = ok(importCsv("?symbol=BTCUSDT&interval=4h", THREE, alice), 200);

        assertThat(result.get("imported").asLong()).isEqualTo(3);
        assertThat(result.get("supersededByExchange").asLong()).isEqualTo(2);
        assertThat(closes(alice, "BTCUSDT")).containsExactly("1000", "1001", "457.4");
        assertThat(closes(bob, "BTCUSDT")).containsExactly("1000", "1001");
        assertThat(imported(alice, "BTCUSDT", "4h")).isEqualTo(3);
        assertThat(candles("BTCUSDT", "4h")).isEqualTo(2);
        assertThat(symbols(alice)).containsExactly("BTCUSDT exchange");

        // backtests read as the chart shows; a live bot on a listed symbol trades on the exchange's candles only
        assertThat(Arrays.stream(history.load(alice, "BTCUSDT", Interval.H4, T0, T2.plusSeconds(1)).close()).boxed().toList())
                .containsExactly(1000.0, 1001.0, 457.4);
        assertThat(history.load(bob, "BTCUSDT", Interval.H4, T0, T2.plusSeconds(1)).size()).isEqualTo(2);
        assertThat(closes(feed.of(alice).range("BTCUSDT", Interval.H4, T0, T2.plusSeconds(1), 10)))
                .containsExactly("1000", "1001", "457.4");
        assertThat(closes(feed.live(alice).range("BTCUSDT", Interval.H4, T0, T2.plusSeconds(1), 10)))
                .containsExactly("1000", "1001");
        assertThat(closes(feed.live(alice).before("BTCUSDT", Interval.H4, T2.plusSeconds(1), 1))).containsExactly("1001");
        assertThat(closes(feed.of(alice).before("BTCUSDT", Interval.H4, T2.plusSeconds(1), 1))).containsExactly("457.4");
        assertThat(history.rules(alice, "BTCUSDT")).isEqualTo(SymbolRules.unfiltered("BTCUSDT", "BTC", "USDT"));

        // the price fallback when neither the cache nor the exchange answers
        market.down = true;
        assertThat(decimal(ok(ticker("BTCUSDT", alice), 200).get("price"))).isEqualByComparingTo("457.4");
        assertThat(decimal(ok(ticker("BTCUSDT", bob), 200).get("price"))).isEqualByComparingTo("1001");
        market.down = false;

        // the exchange delivers the third candle: it wins there too, and alice's row is still stored
        exchangeCandle(T2, "1002");
        assertThat(closes(alice, "BTCUSDT")).containsExactly("1000", "1001", "1002");
        JsonNode again = ok(importCsv("?symbol=BTCUSDT&interval=4h", THREE, alice), 200);
        assertThat(again.get("alreadyStored").asLong()).isEqualTo(3);
        assertThat(again.get("supersededByExchange").asLong()).isEqualTo(3);
        assertThat(jdbc.queryForList("select close::text from imported_candles where user_id = ? order by open_time",
                String.class, alice)).containsExactly("456.02", "456.1", "457.4");
    }

    @Test
    void anImportNeverWritesTheExchangesTables() {
        jdbc.update("insert into symbols (symbol, base_asset, quote_asset, status, source) values ('BTCUSDT', 'BTC', 'USDT', 'TRADING', 'exchange')");
        exchangeCandle(T0, "1000");

        ok(importCsv("?symbol=BTCUSDT&interval=4h", THREE, alice), 200);
        ok(importCsv("?symbol=NEWCOIN&interval=4h", THREE, alice), 200);

        assertThat(jdbc.queryForList("select symbol || ' ' || interval || ' ' || close from candles", String.class))
                .containsExactly("BTCUSDT 4h 1000");
        assertThat(jdbc.queryForList("select symbol || ' ' || source from symbols", String.class))
                .containsExactly("BTCUSDT exchange");
    }

    void exchangeCandle(Instant openTime, String price) {
        jdbc.update("""
                insert into candles (symbol, interval, open_time, open, high, low, close, volume)
                values ('BTCUSDT', '4h', ?, ?::numeric, ?::numeric, ?::numeric, ?::numeric, 1)""",
                Timestamp.from(openTime), price, price, price, price);
    }

    List<String> symbols(UUID user) {
        return ok(get(listSymbols, "/api/market/symbols", user), 200).get("symbols").valueStream()
                .map(s -> s.get("symbol").asString() + " " + s.get("source").asString()).toList();
    }

    List<String> closes(UUID user, String symbol) {
        return ok(get(getCandles, "/api/market/candles?symbol=" + symbol + RANGE, user), 200).get("candles").valueStream()
                .map(c -> new BigDecimal(c.get("close").asString()).stripTrailingZeros().toPlainString()).toList();
    }

    static List<String> closes(List<Kline> klines) {
        return klines.stream().map(k -> k.close().stripTrailingZeros().toPlainString()).toList();
    }

    APIGatewayV2HTTPResponse ticker(String symbol, UUID user) {
        return getTicker.apply(ApiEvents.get("/api/market/ticker/" + symbol).pathParameter("symbol", symbol)
                .authorizedAs(user).event());
    }

    APIGatewayV2HTTPResponse backtest(UUID user, String symbol) {
        return submitBacktest.apply(ApiEvents.post("/api/backtests", """
                {"symbol": "%s", "interval": "4h", "strategy": "sma-cross", "params": {"fast": 2, "slow": 3},
                 "from": "2016-05-18T00:00:00Z", "to": "2016-05-19T00:00:00Z", "startingBalance": "1000",
                 "feeBps": "10", "slippageBps": "5", "sizing": {"type": "percent", "value": "100"}}
                """.formatted(symbol)).authorizedAs(user).event());
    }

    APIGatewayV2HTTPResponse optimisation(UUID user, String symbol) {
        return submitOptimization.apply(ApiEvents.post("/api/optimizations", """
                {"symbol": "%s", "interval": "4h", "strategy": "sma-cross", "params": {},
                 "ranges": {"fast": {"min": 2, "max": 3, "step": 1}, "slow": {"min": 4, "max": 5, "step": 1}},
                 "search": "grid", "maxRuns": 10, "rankBy": "sharpe",
                 "from": "2016-05-18T00:00:00Z", "to": "2016-05-19T00:00:00Z", "startingBalance": 1000,
                 "feeBps": 10, "slippageBps": 5, "sizing": {"type": "percent", "value": 100}}
                """.formatted(symbol)).authorizedAs(user).event());
    }

    APIGatewayV2HTTPResponse bot(UUID user, String symbol) {
        // a paper account (its ledger is not needed to create a bot)
        UUID account = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Paper', 'paper')", account, user);
        return createBot.apply(ApiEvents.post("/api/bots", "{\"name\":\"Mine\",\"accountId\":\"" + account
                + "\",\"symbol\":\"" + symbol + "\",\"interval\":\"4h\",\"strategy\":\"sma-cross\","
                + "\"params\":{\"fast\":2,\"slow\":3},\"sizing\":{\"type\":\"fixed\",\"value\":\"100\"},"
                + "\"replay\":{\"from\":\"2016-05-18T00:00:00Z\",\"to\":\"2016-05-19T00:00:00Z\"}}").authorizedAs(user).event());
    }
}
