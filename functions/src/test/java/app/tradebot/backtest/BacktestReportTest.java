package app.tradebot.backtest;

import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;

import app.tradebot.market.CandleSeries;
import app.tradebot.platform.http.DecimalStrings;
import app.tradebot.strategy.Exits;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.rules.CompiledRules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static app.tradebot.backtest.Scripted.c;
import static app.tradebot.backtest.Scripted.series;
import static org.assertj.core.api.Assertions.assertThat;

class BacktestReportTest {

    final JsonMapper json = JsonMapper.builder().build();
    /** The API's form of the report, as ApiFunctions writes it. */
    final JsonMapper api = JsonMapper.builder().addModule(DecimalStrings.module()).build();

    @Test
    void moneyHasEightPlacesRatiosSixAndTheApiWritesThemAsPlainStrings() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100.123456789, 101, 99, 100), c(100, 100, 100, 100),
                c(100, 100, 100, 100));
        Scripted strategy = new Scripted().on(0, s -> s.buy(0.00001, Exits.NONE)).on(1, s -> s.exit());
        Simulation simulation = new BacktestEngine(candles, new EngineSettings(1000, 0, 0, 0, false, 0))
                .run(strategy, 0, candles.size(), BacktestEngine.Control.NONE);

        BacktestReport report = BacktestReport.of(candles, simulation, Metrics.of(candles, simulation));
        String text = api.writeValueAsString(report);

        assertThat(text).doesNotContainPattern("[0-9]E-?[0-9]");
        assertThat(text).contains("\"entryPrice\":\"100.12345679\",", "\"fee\":\"0.00000000\",", "\"quantity\":\"0.00000009\",")
                .containsPattern("\"totalReturn\":\"-?0\\.[0-9]{6}\",").containsPattern("\"sharpe\":(null|\"-?[0-9]+\\.[0-9]{6}\"),");
        assertThat(json.readValue(text, BacktestReport.class)).isEqualTo(report);
        // as the database stores it: written by the application's mapper, read back to the same scales
        assertThat(json.readValue(json.writeValueAsString(report), BacktestReport.class)).isEqualTo(report);
    }

    @Test
    void aReportListsTheFirstTenThousandTradesAndCountsTheRest() {
        CandleSeries candles = BtcCandles.repeated(1_000_000);
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        Simulation simulation = new BacktestEngine(candles, new EngineSettings(1000, 10, 10, 0, true, 100))
                .run(catalog.create("sma-cross", catalog.validate("sma-cross", Map.of("fast", 10, "slow", 30))),
                        0, candles.size(), BacktestEngine.Control.NONE);

        BacktestReport report = BacktestReport.of(candles, simulation, Metrics.of(candles, simulation));

        assertThat(simulation.trades().size()).isGreaterThan(BacktestReport.MAX_TRADES);
        assertThat(report.trades()).hasSize(BacktestReport.MAX_TRADES);
        assertThat(report.tradesOmitted()).isEqualTo(simulation.trades().size() - BacktestReport.MAX_TRADES);
        assertThat(report.metrics().tradeCount()).isEqualTo(simulation.trades().size());
        assertThat(report.equityCurve().size()).isLessThanOrEqualTo(BacktestReport.MAX_EQUITY_POINTS);
    }

    /**
     * A candle where the strategy's rule is undefined (a division by zero where high is low) trades nothing
     * and is counted in the report, the first few listed with the candle, the expression and why.
     */
    @Test
    void candlesWhereTheRuleIsUndefinedAreCountedAndTheFirstFewListed() {
        int[] doji = { 1, 2, 4, 6, 7, 9, 10 };
        double[][] ohlc = new double[12][];
        for (int i = 0; i < ohlc.length; i++) {
            ohlc[i] = c(100, 101, 99, 100.5);
        }
        for (int i : doji) {
            ohlc[i] = c(100, 100, 100, 100);
        }
        CandleSeries candles = series(ohlc);
        Strategy strategy = CompiledRules.compile("""
                # buys when the close sits at the very top of the candle's range: never here
                entry: (close - low) / (high - low) > 0.99
                exit: close < 1
                """).create(Map.of());
        Simulation simulation = new BacktestEngine(candles, new EngineSettings(1000, 0, 0, 0, false, 100))
                .run(strategy, 0, candles.size(), BacktestEngine.Control.NONE);

        BacktestReport report = BacktestReport.of(candles, simulation, Metrics.of(candles, simulation));

        assertThat(report.trades()).isEmpty();
        assertThat(report.undefinedCandles()).isEqualTo(doji.length);
        assertThat(report.firstUndefined()).hasSize(UndefinedCandles.KEPT)
                .extracting(BacktestReport.UndefinedCandle::time)
                .containsExactly(IntStream.of(doji).limit(UndefinedCandles.KEPT)
                        .mapToObj(i -> Instant.ofEpochMilli(candles.openTimes()[i])).toArray(Instant[]::new));
        assertThat(report.firstUndefined().get(0)).isEqualTo(new BacktestReport.UndefinedCandle(
                Instant.ofEpochMilli(candles.openTimes()[1]), "entry", "(close - low) / (high - low)", 2, 22,
                "divides by zero"));
        assertThat(json.readValue(json.writeValueAsString(report), BacktestReport.class)).isEqualTo(report);
    }

    /** Candles shown to the strategy before the run trades (a walk-forward's lead-in) are not the run's. */
    @Test
    void undefinedCandlesOfTheLeadInAreNotCounted() {
        double[][] ohlc = new double[6][];
        for (int i = 0; i < ohlc.length; i++) {
            ohlc[i] = i == 1 || i == 4 ? c(100, 100, 100, 100) : c(100, 101, 99, 100.5);
        }
        CandleSeries candles = series(ohlc);
        Strategy strategy = CompiledRules.compile("""
                entry: (close - low) / (high - low) > 2
                exit: close < 1
                """).create(Map.of());

        Simulation simulation = new BacktestEngine(candles, new EngineSettings(1000, 0, 0, 0, false, 100))
                .run(strategy, 0, 3, candles.size(), BacktestEngine.Control.NONE);

        assertThat(simulation.undefined().count()).isEqualTo(1);
        assertThat(simulation.undefined().candle(0)).isEqualTo(4);
    }
}
