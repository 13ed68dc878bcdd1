package app.tradebot.market;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import app.tradebot.platform.http.ApiEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class MarketJobsIT extends MarketFunctionsSupport {

    @Autowired @Qualifier("refreshCandles") Consumer<Message<byte[]>> refreshCandles;
    @Autowired @Qualifier("refreshTickers") Consumer<Message<byte[]>> refreshTickers;
    @Autowired @Qualifier("refreshSymbols") Consumer<Message<byte[]>> refreshSymbols;

    static Message<byte[]> tick(String job) {
        return MessageBuilder.withPayload(("{\"job\":\"" + job + "\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8)).build();
    }

    void watch(String symbol, String interval) {
        ok(watchCandles.apply(ApiEvents.post("/api/market/watches", "{\"symbol\":\"" + symbol + "\",\"interval\":\"" + interval + "\"}")
                .authorizedAs(alice).event()), 201);
    }

    List<Instant> openTimes(String symbol, String interval) {
        return jdbc.queryForList("select open_time from candles where symbol = ? and interval = ? order by open_time",
                Timestamp.class, symbol, interval).stream().map(Timestamp::toInstant).toList();
    }

    @Test
    void refreshCandlesStoresClosedCandlesIncrementallyAndBackFillsGaps() {
        watch("ETHUSDT", "1h");
        watch("BTCUSDT", "1d");
        market.now = Instant.parse("2026-01-01T00:30:00Z");

        refreshCandles.accept(tick("refreshCandles"));

        // The latest 1000 hours, without the hour still open at 00:30.
        List<Instant> hours = openTimes("ETHUSDT", "1h");
        assertThat(hours).hasSize(999);
        assertThat(hours.get(hours.size() - 1)).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(openTimes("BTCUSDT", "1d")).hasSize(365).last().isEqualTo(Instant.parse("2025-12-31T00:00:00Z"));
        assertThat(jdbc.queryForObject("select close from candles where symbol = 'ETHUSDT' and open_time = ?", BigDecimal.class,
                Timestamp.from(Instant.parse("2025-12-31T23:00:00Z")))).isEqualByComparingTo(FakeMarketData.close(
                Instant.parse("2025-12-31T23:00:00Z")));

        // Three hours later: three new closed hours; a hole made in the middle is filled again.
        market.now = Instant.parse("2026-01-01T03:30:00Z");
        jdbc.update("delete from candles where symbol = 'ETHUSDT' and open_time >= ? and open_time < ?",
                Timestamp.from(Instant.parse("2025-12-20T00:00:00Z")), Timestamp.from(Instant.parse("2025-12-20T05:00:00Z")));
        refreshCandles.accept(tick("refreshCandles"));
        hours = openTimes("ETHUSDT", "1h");
        assertThat(hours).hasSize(1002).doesNotHaveDuplicates();
        assertThat(hours.get(hours.size() - 1)).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
        for (int i = 1; i < hours.size(); i++) {
            assertThat(Duration.between(hours.get(i - 1), hours.get(i))).isEqualTo(Duration.ofHours(1));
        }

        // A hole the exchange has no candles for is asked about once, then remembered.
        jdbc.update("delete from candles where symbol = 'ETHUSDT' and open_time = ?", Timestamp.from(Instant.parse("2025-12-25T00:00:00Z")));
        market.missing.add(Instant.parse("2025-12-25T00:00:00Z"));
        refreshCandles.accept(tick("refreshCandles"));
        assertThat(jdbc.queryForList("select gap_start from candle_gaps_checked where symbol = 'ETHUSDT'", Timestamp.class))
                .extracting(Timestamp::toInstant).containsExactly(Instant.parse("2025-12-25T00:00:00Z"));
        int calls = market.klineCalls.get();
        refreshCandles.accept(tick("refreshCandles"));
        // one call per watched pair for new candles, none for the known hole
        assertThat(market.klineCalls.get() - calls).isEqualTo(2);
        assertThat(openTimes("ETHUSDT", "1h")).hasSize(1001);
    }

    @Test
    void anUnreachableExchangeStoresNothingAndFailsNothing() {
        watch("ETHUSDT", "1h");
        market.down = true;

        refreshCandles.accept(tick("refreshCandles"));
        refreshTickers.accept(tick("refreshTickers"));

        assertThat(candles("ETHUSDT", "1h")).isZero();
        assertThat(redis.hasKey("market:ticker:ETHUSDT")).isFalse();
    }

    @Test
    void refreshTickersCachesEveryWatchedSymbolWithItsTtl() {
        watch("ETHUSDT", "1h");
        watch("ETHUSDT", "4h");
        market.prices.put("ETHUSDT", new BigDecimal("2345.67"));

        refreshTickers.accept(tick("refreshTickers"));

        assertThat(redis.<String, String>opsForHash().entries("market:ticker:ETHUSDT"))
                .containsEntry("price", "2345.67").containsEntry("atMillis", Long.toString(market.now.toEpochMilli()));
        assertThat(redis.getExpire("market:ticker:ETHUSDT")).isBetween(CachedTicker.TTL_SECONDS - 10, CachedTicker.TTL_SECONDS);
        assertThat(ok(getTicker.apply(ApiEvents.get("/api/market/ticker/ETHUSDT").pathParameter("symbol", "ETHUSDT")
                .authorizedAs(bob).event()), 200).get("source").asString()).isEqualTo("cache");
    }

    @Test
    void refreshSymbolsStoresTheExchangesListWhichWinsOverAnImportersOwnSymbol() {
        ok(importCsv("?symbol=BTCUSDT&interval=4h", REAL_4H_CSV.lines().limit(3).map(l -> l + "\n").reduce("", String::concat), alice), 200);

        refreshSymbols.accept(tick("refreshSymbols"));

        assertThat(jdbc.queryForList("select symbol || ' ' || source || ' ' || status from symbols order by symbol", String.class))
                .containsExactly("BTCUSDT exchange TRADING", "ETHUSDT exchange TRADING");
        assertThat(ok(get(listSymbols, "/api/market/symbols", alice), 200).get("symbols"))
                .extracting(s -> s.get("symbol").asString() + " " + s.get("source").asString())
                .containsExactly("BTCUSDT exchange", "ETHUSDT exchange");
        // alice's candles stay hers
        assertThat(imported(alice, "BTCUSDT", "4h")).isEqualTo(2);
    }
}
