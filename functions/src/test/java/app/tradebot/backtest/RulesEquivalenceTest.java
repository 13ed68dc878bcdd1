package app.tradebot.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.rules.CompiledRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-ins rewritten in the rule language trade exactly like the built-ins: same trades (entry
 * and exit candles, prices, quantities, profits, reasons) and the same equity curve, on the real BTC
 * 4 h series through the backtest engine.
 */
class RulesEquivalenceTest {

    static final String SMA_CROSS = """
            # sma-cross
            param fast: integer [1, 500] = 20
            param slow: integer [2, 1000] = 50
            entry: sma(close, fast) crosses above sma(close, slow)
            exit: sma(close, fast) crosses below sma(close, slow)
            """;

    static final String EMA_CROSS = """
            param fast: integer [1, 500] = 12
            param slow: integer [2, 1000] = 26
            entry: ema(close, fast) crosses above ema(close, slow)
            exit:  ema(close, fast) crosses below ema(close, slow)
            """;

    static final String RSI_REVERSION = """
            param period: integer [2, 200] = 14
            param oversold: number [1, 50] = 30
            param overbought: number [50, 99] = 70
            entry: rsi(close, period) < oversold
            exit: rsi(close, period) > overbought
            """;

    static final String MACD_CROSS = """
            param fast: integer [1, 9] = 9
            param slow: integer [9, 500] = 26
            param signal: integer [1, 200] = 9
            entry: macd(close, fast, slow, signal).histogram crosses above 0
            exit: macd(close, fast, slow, signal).histogram crosses below 0
            """;

    static final String MACD_CROSS_LINES = """
            entry: macd(close, 12, 26, 9).line crosses above macd(close, 12, 26, 9).signal
            exit: macd(close, 12, 26, 9).line - macd(close, 12, 26, 9).signal < 0
                and macd(close, 12, 26, 9).histogram[1] >= 0
            """;

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("sma-cross", SMA_CROSS, Map.of(), Map.of(), null),
                Arguments.of("sma-cross", SMA_CROSS, Map.of("fast", 5, "slow", 13), Map.of("fast", 5, "slow", 13), null),
                Arguments.of("sma-cross", SMA_CROSS, Map.of("fast", 10, "slow", 30, "stopLoss", 0.03, "trailingStop", 0.05),
                        Map.of("fast", 10, "slow", 30), "stopLoss: 0.03\ntrailingStop: 0.05"),
                Arguments.of("ema-cross", EMA_CROSS, Map.of(), Map.of(), null),
                Arguments.of("ema-cross", EMA_CROSS, Map.of("fast", 3, "slow", 8, "takeProfit", 0.1),
                        Map.of("fast", 3, "slow", 8), "takeProfit: 0.1"),
                Arguments.of("rsi-reversion", RSI_REVERSION, Map.of(), Map.of(), null),
                Arguments.of("rsi-reversion", RSI_REVERSION, Map.of("period", 4, "oversold", 25, "overbought", 60),
                        Map.of("period", 4, "oversold", 25.0, "overbought", 60.0), null),
                Arguments.of("macd-cross", MACD_CROSS, Map.of("fast", 4, "slow", 9, "signal", 3),
                        Map.of("fast", 4, "slow", 9, "signal", 3), null),
                Arguments.of("macd-cross", MACD_CROSS, Map.of("fast", 9), Map.of("fast", 9), null),
                Arguments.of("macd-cross", MACD_CROSS_LINES, Map.of(), Map.of(), null));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("pairs")
    void theRewrittenBuiltInTradesExactlyLikeTheBuiltIn(String builtIn, String source, Map<String, Object> builtInParams,
            Map<String, Number> ruleParams, String exits) {
        CandleSeries series = BtcCandles.series();
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        Strategy original = catalog.create(builtIn, catalog.validate(builtIn, builtInParams));
        CompiledRules rules = CompiledRules.compile(exits == null ? source : source + exits + "\n");
        Map<String, Number> values = new java.util.HashMap<>(rules.defaults());
        values.putAll(ruleParams);
        Strategy compiled = rules.create(values);

        Simulation expected = run(series, original);
        Simulation actual = run(series, compiled);

        assertThat(expected.trades().size()).as("built-in trades").isGreaterThan(10);
        assertThat(trades(actual)).isEqualTo(trades(expected));
        assertThat(actual.equity()).containsExactly(expected.equity());
    }

    static Simulation run(CandleSeries series, Strategy strategy) {
        EngineSettings settings = new EngineSettings(10_000, 10, 10, 5, true, 100);
        return new BacktestEngine(series, settings).run(strategy, 0, series.size(), BacktestEngine.Control.NONE);
    }

    static List<String> trades(Simulation simulation) {
        TradeLog log = simulation.trades();
        List<String> trades = new ArrayList<>();
        for (int k = 0; k < log.size(); k++) {
            trades.add(log.entryIndex(k) + "->" + log.exitIndex(k) + " " + log.entryPrice(k) + "->" + log.exitPrice(k)
                    + " q=" + log.quantity(k) + " pnl=" + log.pnl(k) + " " + log.exitReason(k));
        }
        return trades;
    }
}
