package app.tradebot.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.tradebot.platform.http.ApiEvents;

import static app.tradebot.platform.http.JsonDecimals.decimal;
import static org.assertj.core.api.Assertions.assertThat;

class MarketFunctionsIT extends MarketFunctionsSupport {

    @Test
    void theReal4hFileImportsOnceAndReadsBackPageByPage() {
        JsonNode imported = ok(importCsv("?symbol=BTCUSDT&interval=4h", REAL_4H_CSV, alice), 200);

        assertThat(imported.get("symbol").asString()).isEqualTo("BTCUSDT");
        assertThat(imported.get("interval").asString()).isEqualTo("4h");
        assertThat(imported.get("rows").asLong()).isEqualTo(20_695);
        assertThat(imported.get("imported").asLong()).isEqualTo(20_695);
        assertThat(imported.get("alreadyStored").asLong()).isZero();
        assertThat(imported.get("first").asString()).isEqualTo("2016-05-18T04:00:00Z");
        assertThat(imported.get("supersededByExchange").asLong()).isZero();
        assertThat(imported(alice, "BTCUSDT", "4h")).isEqualTo(20_695);
        // the candles are alice's own: nothing reaches the exchange's tables
        assertThat(candles("BTCUSDT", "4h")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from symbols", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select base_asset || ' ' || quote_asset from imported_symbols where symbol = 'BTCUSDT'"
                + " and user_id = ?", String.class, alice)).isEqualTo("BTC USDT");

        JsonNode again = ok(importCsv("?symbol=btcusdt&interval=4h", REAL_4H_CSV, alice), 200);
        assertThat(again.get("imported").asLong()).isZero();
        assertThat(again.get("alreadyStored").asLong()).isEqualTo(20_695);
        assertThat(imported(alice, "BTCUSDT", "4h")).isEqualTo(20_695);

        List<String> read = new ArrayList<>();
        String from = "2016-05-18T04:00:00Z";
        int pages = 0;
        while (from != null) {
            JsonNode page = ok(get(getCandles, "/api/market/candles?symbol=BTCUSDT&interval=4h&limit=1000&from=" + from, alice), 200);
            page.get("candles").forEach(c -> read.add(Instant.parse(c.get("openTime").asString()).toEpochMilli() + ","
                    + c.get("open").asString() + "," + c.get("high").asString() + "," + c.get("low").asString() + ","
                    + c.get("close").asString() + "," + c.get("volume").asString()));
            from = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        }
        assertThat(pages).isEqualTo(21);
        assertThat(read).containsExactlyElementsOf(REAL_4H_CSV.lines().skip(1).toList());
    }

    @Test
    void withoutFromThePageIsTheLatestCandlesBeforeTo() {
        ok(importCsv("?symbol=BTCUSDT&interval=4h", REAL_4H_CSV, alice), 200);

        JsonNode latest = ok(get(getCandles, "/api/market/candles?symbol=BTCUSDT&interval=4h", alice), 200);
        assertThat(latest.get("candles")).hasSize(GetCandles.DEFAULT_LIMIT);
        assertThat(latest.get("next").isNull()).isTrue();
        List<String> lines = REAL_4H_CSV.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(Instant.parse(latest.get("candles").get(GetCandles.DEFAULT_LIMIT - 1).get("openTime").asString()).toEpochMilli())
                .isEqualTo(Long.parseLong(last.split(",")[0]));

        // epoch milliseconds work as well as ISO-8601; [from, to) excludes to
        JsonNode window = ok(get(getCandles, "/api/market/candles?symbol=BTCUSDT&interval=4h&from=1463544000000"
                + "&to=2016-05-18T16:00:00%2B00:00&limit=10", alice), 200);
        assertThat(window.get("candles")).extracting(c -> c.get("openTime").asString())
                .containsExactly("2016-05-18T04:00:00Z", "2016-05-18T08:00:00Z", "2016-05-18T12:00:00Z");
        assertThat(window.get("next").isNull()).isTrue();
    }

    @Test
    void aCsvWithBadRowsIs400NamingTheLinesAndImportsNothing() {
        String csv = """
                open_time,open,high,low,close,volume
                1463544000000,456.16,456.81,455.3,456.02,561.88098307
                1463558400000,456.14,4x6.33,454.79,456.1,446.0329534
                1463558400000,456.14,456.33,454.79,456.1,446.0329534
                1463544000000,456.14,456.33,454.79,456.1,446.0329534
                """;

        JsonNode problem = assertProblem(importCsv("?symbol=BTCUSDT&interval=4h", csv, alice), 400);

        assertThat(problem.get("detail").asString()).isEqualTo("2 rows of the CSV are invalid (lines 3, 5); nothing was imported.");
        assertThat(errors(problem)).containsExactly("line 3: high is not a decimal number: '4x6.33'",
                "line 5: is out of order: it opens before line 4");
        assertThat(imported(alice, "BTCUSDT", "4h")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from imported_symbols", Long.class)).isZero();

        JsonNode duplicate = assertProblem(importCsv("?symbol=BTCUSDT&interval=4h", """
                1463544000000,456.16,456.81,455.3,456.02,561.88098307
                1463544000000,456.16,456.81,455.3,456.02,561.88098307
                """, alice), 400);
        assertThat(errors(duplicate)).containsExactly("line 2: repeats the open time of line 1");
        assertThat(imported(alice, "BTCUSDT", "4h")).isZero();
    }

    @Test
    void importsBadParametersAndBodiesAreRefused() {
        JsonNode missing = assertProblem(importCsv("", REAL_4H_CSV, alice), 400);
        assertThat(errors(missing)).containsExactlyInAnyOrder("symbol: is required", "interval: is required");
        JsonNode wrong = assertProblem(importCsv("?symbol=BTC-USD&interval=4H", REAL_4H_CSV, alice), 400);
        assertThat(errors(wrong)).containsExactlyInAnyOrder("symbol: must be 2 to 20 letters and digits, such as BTCUSDT",
                "interval: must be one of " + MarketParameters.INTERVALS);
        // A 5-minute file is not 4-hour candles.
        assertProblem(importCsv("?symbol=ETHUSDT&interval=4h", "1678730700000,1673.04,1673.04,1665.4,1670.41,147.3332\n", alice), 400);
        JsonNode json = assertProblem(importCandles.apply(ApiEvents.post("/api/market/candles/import?symbol=BTCUSDT&interval=4h",
                "{\"rows\":[]}").authorizedAs(alice).event()), 415);
        assertThat(json.get("detail").asString()).isEqualTo("The request body must be text/csv, not application/json.");
        assertProblem(importCsv("?symbol=BTCUSDT&interval=4h", "", alice), 400);
        assertThat(jdbc.queryForObject("select count(*) from imported_candles", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from imported_symbols", Long.class)).isZero();
    }

    @Test
    void getCandlesRefusesUnknownSymbolsAndIntervalsReversedRangesAndLargeLimits() {
        ok(importCsv("?symbol=BTCUSDT&interval=4h", REAL_4H_CSV, alice), 200);

        assertThat(errors(assertProblem(get(getCandles, "/api/market/candles?symbol=NOPEUSDT&interval=4h", alice), 400)))
                .containsExactly("symbol: is not a known symbol: see GET /api/market/symbols");
        assertThat(errors(assertProblem(get(getCandles, "/api/market/candles?symbol=BTCUSDT&interval=4x", alice), 400)))
                .containsExactly("interval: must be one of " + MarketParameters.INTERVALS);
        assertThat(errors(assertProblem(get(getCandles,
                "/api/market/candles?symbol=BTCUSDT&interval=4h&from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z", alice), 400)))
                .containsExactly("from: must not be after to");
        assertThat(errors(assertProblem(get(getCandles, "/api/market/candles?symbol=BTCUSDT&interval=4h&limit=1001", alice), 400)))
                .containsExactly("limit: must be a whole number from 1 to 1000");
        assertThat(errors(assertProblem(get(getCandles, "/api/market/candles?symbol=BTCUSDT&interval=4h&limit=0", alice), 400)))
                .containsExactly("limit: must be a whole number from 1 to 1000");
        assertThat(errors(assertProblem(get(getCandles, "/api/market/candles?symbol=BTCUSDT&interval=4h&from=yesterday", alice), 400)))
                .containsExactly("from: must be an ISO-8601 time such as 2024-01-01T00:00:00Z or epoch milliseconds");
        assertThat(errors(assertProblem(get(getCandles, "/api/market/candles", alice), 400)))
                .containsExactlyInAnyOrder("symbol: is required", "interval: is required");
        assertThat(ok(get(getCandles, "/api/market/candles?symbol=BTCUSDT&interval=1h", alice), 200).get("candles")).isEmpty();
    }

    @Test
    void listSymbolsShowsImportedAndListedSymbols() {
        ok(importCsv("?symbol=XYZUSD&interval=4h", REAL_4H_CSV.lines().limit(3).map(l -> l + "\n").reduce("", String::concat), alice), 200);
        ok(watchCandles.apply(ApiEvents.post("/api/market/watches", "{\"symbol\":\"ETHUSDT\",\"interval\":\"1h\"}")
                .authorizedAs(alice).event()), 201);

        JsonNode symbols = ok(get(listSymbols, "/api/market/symbols", alice), 200).get("symbols");

        assertThat(symbols).extracting(s -> s.get("symbol").asString() + " " + s.get("source").asString() + " "
                + s.get("status").asString()).containsExactly("ETHUSDT exchange TRADING", "XYZUSD import IMPORTED");
        assertThat(symbols.get(0).get("quoteAsset").asString()).isEqualTo("USDT");
    }

    @Test
    void watchesAreEachUsersOwn() {
        JsonNode watch = ok(watchCandles.apply(ApiEvents.post("/api/market/watches", "{\"symbol\":\"btcusdt\",\"interval\":\"4h\"}")
                .authorizedAs(alice).event()), 201);
        UUID id = UUID.fromString(watch.get("id").asString());
        assertThat(watch.get("symbol").asString()).isEqualTo("BTCUSDT");

        assertThat(assertProblem(watchCandles.apply(ApiEvents.post("/api/market/watches", "{\"symbol\":\"BTCUSDT\",\"interval\":\"4h\"}")
                .authorizedAs(alice).event()), 409).get("detail").asString()).isEqualTo("You already watch BTCUSDT 4h.");
        assertThat(errors(assertProblem(watchCandles.apply(ApiEvents.post("/api/market/watches",
                "{\"symbol\":\"DOGEEUR\",\"interval\":\"4h\"}").authorizedAs(alice).event()), 400)))
                .containsExactly("symbol: is not listed by the exchange");
        assertThat(errors(assertProblem(watchCandles.apply(ApiEvents.post("/api/market/watches",
                "{\"symbol\":\"BTCUSDT\",\"interval\":\"2d\"}").authorizedAs(alice).event()), 400)))
                .containsExactly("interval: must be one of " + MarketParameters.INTERVALS);
        assertThat(errors(assertProblem(watchCandles.apply(ApiEvents.post("/api/market/watches",
                "{\"symbol\":4,\"extra\":true}").authorizedAs(alice).event()), 400)))
                .contains("extra: is not a known field", "symbol: must be a string");
        assertProblem(watchCandles.apply(ApiEvents.post("/api/market/watches", "{\"symbol\":").authorizedAs(alice).event()), 400);
        market.down = true;
        assertProblem(watchCandles.apply(ApiEvents.post("/api/market/watches", "{\"symbol\":\"LTCBTC\",\"interval\":\"4h\"}")
                .authorizedAs(alice).event()), 503);
        market.down = false;

        assertThat(ok(get(listWatches, "/api/market/watches", alice), 200).get("watches")).extracting(w -> w.get("id").asString())
                .containsExactly(id.toString());
        assertThat(ok(get(listWatches, "/api/market/watches", bob), 200).get("watches")).isEmpty();

        assertProblem(unwatchCandles.apply(ApiEvents.request("DELETE", "/api/market/watches/" + id, null)
                .pathParameter("id", id.toString()).authorizedAs(bob).event()), 404);
        assertProblem(unwatchCandles.apply(ApiEvents.request("DELETE", "/api/market/watches/nope", null)
                .pathParameter("id", "nope").authorizedAs(alice).event()), 404);
        assertThat(unwatchCandles.apply(ApiEvents.request("DELETE", "/api/market/watches/" + id, null)
                .pathParameter("id", id.toString()).authorizedAs(alice).event()).getStatusCode()).isEqualTo(204);
        assertThat(ok(get(listWatches, "/api/market/watches", alice), 200).get("watches")).isEmpty();
    }

    @Test
    void getTickerAnswersFromTheCacheThenTheExchangeThenTheCandles() {
        ok(watchCandles.apply(ApiEvents.post("/api/market/watches", "{\"symbol\":\"BTCUSDT\",\"interval\":\"4h\"}")
                .authorizedAs(alice).event()), 201);
        new TickerCache(tickers).save(new app.tradebot.exchange.Ticker("BTCUSDT", new BigDecimal("30000.5"),
                Instant.parse("2025-12-31T23:59:00Z")));
        assertThat(redis.getExpire("market:ticker:BTCUSDT")).isBetween(1L, CachedTicker.TTL_SECONDS);

        JsonNode cached = ok(getTicker.apply(ApiEvents.get("/api/market/ticker/BTCUSDT").pathParameter("symbol", "BTCUSDT")
                .authorizedAs(alice).event()), 200);
        assertThat(decimal(cached.get("price"))).isEqualByComparingTo("30000.5");
        assertThat(cached.get("source").asString()).isEqualTo("cache");
        assertThat(cached.get("at").asString()).isEqualTo("2025-12-31T23:59:00Z");

        redis.delete("market:ticker:BTCUSDT");
        market.prices.put("BTCUSDT", new BigDecimal("31000"));
        JsonNode fresh = ok(getTicker.apply(ApiEvents.get("/api/market/ticker/btcusdt").pathParameter("symbol", "btcusdt")
                .authorizedAs(alice).event()), 200);
        assertThat(fresh.get("source").asString()).isEqualTo("exchange");
        assertThat(decimal(fresh.get("price"))).isEqualByComparingTo("31000");

        redis.delete("market:ticker:BTCUSDT");
        market.down = true;
        assertProblem(getTicker.apply(ApiEvents.get("/api/market/ticker/BTCUSDT").pathParameter("symbol", "BTCUSDT")
                .authorizedAs(alice).event()), 503);
        ok(importCsv("?symbol=BTCUSDT&interval=4h", REAL_4H_CSV, alice), 200);
        JsonNode fromCandles = ok(getTicker.apply(ApiEvents.get("/api/market/ticker/BTCUSDT").pathParameter("symbol", "BTCUSDT")
                .authorizedAs(alice).event()), 200);
        List<String> lines = REAL_4H_CSV.lines().toList();
        String[] last = lines.get(lines.size() - 1).split(",");
        assertThat(fromCandles.get("source").asString()).isEqualTo("candles");
        assertThat(decimal(fromCandles.get("price"))).isEqualByComparingTo(last[4]);
        assertThat(Instant.parse(fromCandles.get("at").asString()))
                .isEqualTo(Instant.ofEpochMilli(Long.parseLong(last[0])).plusSeconds(4 * 3600));

        assertThat(errors(assertProblem(getTicker.apply(ApiEvents.get("/api/market/ticker/NOPE").pathParameter("symbol", "NOPE")
                .authorizedAs(alice).event()), 400))).containsExactly("symbol: is not a known symbol: see GET /api/market/symbols");
        assertProblem(getTicker.apply(ApiEvents.get("/api/market/ticker/x!").pathParameter("symbol", "x!")
                .authorizedAs(alice).event()), 400);
    }

    @org.springframework.beans.factory.annotation.Autowired
    CachedTickers tickers;
}
