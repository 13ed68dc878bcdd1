package app.tradebot.bots;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.backtest.ReplayParity;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.fill.Fill;
import app.tradebot.exchange.fill.FillModel;
import app.tradebot.exchange.fill.RoundTrip;
import app.tradebot.exchange.fill.RoundTrips;
import app.tradebot.exchange.paper.PaperExchanges;
import app.tradebot.market.CandleHistory;
import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.RealCandles;
import app.tradebot.strategy.StrategyCatalog;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parity proof through the real runner (backtest = bot): for every built-in strategy on the real BTC
 * 4h series, a replay bot (createBot with a replay range, startBot, runBot: the runner, the order path,
 * the paper exchange's replay and the fill model) and a backtest with the same strategy, params, sizing,
 * fees and slippage close the same trades: entry and exit times, prices, quantities, fees and PnL equal to
 * the last digit. The bot's trades are its stored fills, paired into round trips.
 *
 * <p>Not yet here: {@code grid} (its resting limit orders fill inside the replay, and the runner does not
 * ingest those fills into the bot's fills during the run) and {@code dca} (it sells only through a
 * take-profit, and the order path does not send protective exits yet); nor any strategy with stop-loss,
 * take-profit or trailing-stop params, for the same reason.
 */
class ReplayParityIT extends BotsSupport {

    static final String SYMBOL = "BTCUSD";
    static final Instant FROM = Instant.parse("2016-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    PaperExchanges paper;

    @Autowired
    CandleHistory history;

    static List<Object[]> strategies() {
        return List.of(
                new Object[] { "sma-cross", Map.of("fast", 10, "slow", 30), "percent", "100" },
                new Object[] { "ema-cross", Map.of("fast", 12, "slow", 26), "percent", "50" },
                new Object[] { "rsi-reversion", Map.of("period", 14, "oversold", 30, "overbought", 70), "fixed", "2000" },
                new Object[] { "macd-cross", Map.of(), "percent", "100" },
                new Object[] { "bollinger", Map.of(), "percent", "90" });
    }

    /** The real candles as BTCUSD 4h, imported by alice (no exchange lists it). */
    void storeCandles() {
        jdbc.update("insert into imported_symbols (user_id, symbol, base_asset, quote_asset) values (?, ?, 'BTC', 'USD')",
                alice, SYMBOL);
        List<Object[]> rows = new ArrayList<>();
        for (Kline k : ReplayParity.klines(RealCandles.btcUsd4h(), Interval.H4)) {
            rows.add(new Object[] { alice, SYMBOL, Timestamp.from(k.openTime()), k.open(), k.high(), k.low(), k.close(),
                    k.volume() });
        }
        jdbc.batchUpdate("insert into imported_candles (user_id, symbol, interval, open_time, open, high, low, close, volume) "
                + "values (?, ?, '4h', ?, ?, ?, ?, ?, ?)", rows);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void aReplayBotClosesExactlyTheBacktestsTrades(String name, Map<String, Object> params, String sizingType,
            String sizingValue) {
        storeCandles();
        SymbolRules rules = history.rules(alice, SYMBOL);
        ReplayParity.Run run = new ReplayParity.Run(10_000, 10, 10, 5, sizingType.equals("percent"),
                Double.parseDouble(sizingValue), rules);
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        Map<String, Object> valid = catalog.validate(name, params);
        CandleSeries series = history.load(alice, SYMBOL, Interval.H4, FROM, TO);
        List<RoundTrip> backtest = ReplayParity.backtest(series, catalog.create(name, valid), run);

        UUID account = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Replay', 'paper')", account, alice);
        paper.open(account, Map.of("USD", new BigDecimal("10000")));
        UUID bot = created(alice, "{\"name\":\"" + name + "\",\"accountId\":\"" + account + "\",\"symbol\":\"" + SYMBOL
                + "\",\"interval\":\"4h\",\"strategy\":\"" + name + "\",\"params\":" + json.writeValueAsString(params)
                + ",\"sizing\":{\"type\":\"" + sizingType + "\",\"value\":\"" + sizingValue + "\"},"
                + "\"replay\":{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}}");
        APIGatewayV2HTTPResponse started = call(startBot, "POST", "/api/bots/{id}/start", bot, null, alice);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(200);

        long begun = System.nanoTime();
        run(bot);
        long millis = (System.nanoTime() - begun) / 1_000_000;

        Map<String, Object> after = jdbc.queryForMap("select status, last_error, last_candle from bots where id = ?", bot);
        assertThat(after).as(name + ": the replay stopped itself at the end").containsEntry("status", "stopped")
                .containsEntry("last_error", null);
        assertThat(((Timestamp) after.get("last_candle")).toInstant()).isEqualTo(Instant.ofEpochMilli(
                series.openTimes()[series.size() - 1]));
        List<RoundTrip> replayed = trips(bot, new FillModel(rules, run.costs()));
        System.out.printf("bot parity %s: %d trades, replay bot over %d candles in %d ms%n", name, replayed.size(),
                series.size(), millis);
        assertThat(backtest).as(name + " closes trades").hasSizeGreaterThan(3);
        ReplayParity.assertSameTrades(name, backtest, replayed);
    }

    /** The bot's fills, oldest first, as round trips; a sell by a protective order is a "protective" exit. */
    List<RoundTrip> trips(UUID bot, FillModel model) {
        RoundTrips trips = new RoundTrips(model);
        List<RoundTrip> closed = new ArrayList<>();
        jdbc.query("""
                select f.side, f.price, f.quantity, f.quote_quantity, f.commission, f.commission_asset, f.maker, f.time,
                       o.type, o.price is not null and o.type = 'LIMIT' as limit_order
                from bot_fills f join bot_orders o on o.id = f.order_id
                where f.bot_id = ? order by f.time, f.seq""", rs -> {
            Fill fill = new Fill(Side.valueOf(rs.getString("side")), rs.getBigDecimal("price"), rs.getBigDecimal("quantity"),
                    rs.getBigDecimal("quote_quantity"), rs.getBigDecimal("commission"), rs.getString("commission_asset"),
                    rs.getBoolean("maker"));
            String reason = "PROTECT".equals(rs.getString("type")) ? "protective"
                    : rs.getBoolean("limit_order") ? "limit" : "signal";
            RoundTrip trip = trips.add(rs.getTimestamp("time").toInstant().toEpochMilli(), fill, reason);
            if (trip != null) {
                closed.add(trip);
            }
        }, bot);
        return closed;
    }
}
