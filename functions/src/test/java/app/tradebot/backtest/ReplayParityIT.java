package app.tradebot.backtest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.fill.RoundTrip;
import app.tradebot.exchange.paper.PaperExchanges;
import app.tradebot.exchange.paper.ReplayExchange;
import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.RealCandles;
import app.tradebot.strategy.StrategyCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parity proof at the exchange's level: for every built-in strategy on the real BTC 4h series, the
 * backtest and a replay through a paper account (the real ledger in Postgres) give the same trades to the
 * last digit, with exchange filters, distinct maker and taker fees, slippage and protective exits.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReplayParityIT {

    static {
        TestServices.install();
    }

    /** Binance's BTCUSDT filters, on the Coinbase BTC/USD candles. */
    static final SymbolRules BTC = new SymbolRules("BTCUSD", "BTC", "USD", "TRADING", new BigDecimal("0.01"),
            new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("9000"), new BigDecimal("5"),
            new BigDecimal("0.01"), new BigDecimal("1000000"), null, BigDecimal.ZERO, new BigDecimal("100"),
            new BigDecimal("9000000"), true, false, new BigDecimal("5"), new BigDecimal("0.2"), new BigDecimal("5"),
            new BigDecimal("0.2"), SymbolRules.DEFAULT_MAX_NUM_ORDERS);

    @Autowired
    PaperExchanges paper;

    static List<Object[]> strategies() {
        return List.of(
                new Object[] { "sma-cross", Map.of("fast", 10, "slow", 30, "stopLoss", 0.05, "takeProfit", 0.2,
                        "trailingStop", 0.1), true, 100.0 },
                new Object[] { "ema-cross", Map.of("fast", 12, "slow", 26), true, 50.0 },
                new Object[] { "rsi-reversion", Map.of("period", 14, "oversold", 30, "overbought", 70, "stopLoss", 0.08),
                        false, 2000.0 },
                new Object[] { "macd-cross", Map.of("trailingStop", 0.07), true, 100.0 },
                new Object[] { "bollinger", Map.of("takeProfit", 0.05), true, 90.0 },
                new Object[] { "grid", Map.of("lower", 20000, "upper", 60000, "levels", 9, "amountPerLevel", 1000), false,
                        0.0 },
                new Object[] { "dca", Map.of("interval", 6, "amount", 50, "takeProfit", 0.1), false, 0.0 });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void aReplayThroughThePaperExchangeTradesExactlyAsTheBacktest(String name, Map<String, Object> params,
            boolean percent, double sizing) {
        RealCandles real = RealCandles.btcUsd4h();
        CandleSeries series = real.series("BTCUSD", Interval.H4);
        List<Kline> klines = ReplayParity.klines(real, Interval.H4);
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        Map<String, Object> valid = catalog.validate(name, params);
        ReplayParity.Run run = new ReplayParity.Run(10_000, 10, 7.5, 5, percent, sizing, BTC);

        List<RoundTrip> backtest = ReplayParity.backtest(series, catalog.create(name, valid), run);
        UUID account = UUID.randomUUID();
        paper.open(account, Map.of("USD", new BigDecimal("10000")));
        ReplayExchange replay = paper.replay(account, BTC, run.costs());
        long started = System.nanoTime();
        List<RoundTrip> replayed = ReplayParity.replay(replay, klines, real.bars(), catalog.create(name, valid), run);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("parity %s: %d trades, replay of %d candles in %d ms%n", name, replayed.size(), klines.size(),
                millis);

        assertThat(backtest).as(name + " closes trades").hasSizeGreaterThan(3);
        ReplayParity.assertSameTrades(name, backtest, replayed);
    }
}
