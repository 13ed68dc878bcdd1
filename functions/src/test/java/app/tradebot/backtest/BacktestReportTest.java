package app.tradebot.backtest;

import java.util.Map;

import app.tradebot.market.CandleSeries;
import app.tradebot.platform.http.DecimalStrings;
import app.tradebot.strategy.Exits;
import app.tradebot.strategy.StrategyCatalog;
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
}
