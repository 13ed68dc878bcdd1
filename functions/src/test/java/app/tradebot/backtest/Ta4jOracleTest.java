package app.tradebot.backtest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.StrategyCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Indicator;
import org.ta4j.core.Position;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle: on the real 4h BTC series, our engine running the catalog's moving-average crosses
 * and RSI reversion trades exactly where ta4j 0.17's BarSeriesManager trades the same rules with its
 * next-open execution model (fees and slippage 0; all cash in each trade, so sizing never skips an entry).
 */
class Ta4jOracleTest {

    @ParameterizedTest(name = "{0} {1}/{2}")
    @CsvSource({ "sma-cross, 10, 30", "sma-cross, 20, 50", "ema-cross, 12, 26", "ema-cross, 9, 21" })
    void ourTradesAreTa4jsTrades(String strategy, int fast, int slow) {
        CandleSeries candles = BtcCandles.series();
        assertThat(candles.size()).isEqualTo(BtcCandles.SIZE);

        TradeLog ours = ours(candles, strategy, Map.of("fast", fast, "slow", slow));
        List<Position> theirs = ta4j(candles, strategy.startsWith("sma") ? SMAIndicator::new : EMAIndicator::new,
                fast, slow);

        assertSameTrades(candles, ours, theirs);
    }

    @ParameterizedTest(name = "rsi-reversion {0} {1}/{2}")
    @CsvSource({ "14, 30, 70", "7, 25, 75", "21, 35, 60" })
    void ourRsiReversionTradesAreTa4jsTrades(int period, double oversold, double overbought) {
        CandleSeries candles = BtcCandles.series();
        BarSeries series = ta4jSeries(candles);
        RSIIndicator rsi = new RSIIndicator(new ClosePriceIndicator(series), period);
        // ours acts from the candle on which the RSI is first ready: period + 1 closes, index period
        BaseStrategy strategy = new BaseStrategy(new UnderIndicatorRule(rsi, oversold),
                new OverIndicatorRule(rsi, overbought), period);

        TradeLog ours = ours(candles, "rsi-reversion",
                Map.of("period", period, "oversold", oversold, "overbought", overbought));
        List<Position> theirs = new BarSeriesManager(series, new TradeOnNextOpenModel()).run(strategy).getPositions();

        assertSameTrades(candles, ours, theirs);
    }

    static void assertSameTrades(CandleSeries candles, TradeLog ours, List<Position> theirs) {
        assertThat(ours.size()).as("closed trades").isEqualTo(theirs.size()).isGreaterThan(20);
        for (int k = 0; k < theirs.size(); k++) {
            Position position = theirs.get(k);
            assertThat(ours.entryIndex(k)).as("entry candle of trade " + k).isEqualTo(position.getEntry().getIndex());
            assertThat(ours.exitIndex(k)).as("exit candle of trade " + k).isEqualTo(position.getExit().getIndex());
            assertThat(ours.entryPrice(k)).as("entry price of trade " + k)
                    .isEqualTo(position.getEntry().getPricePerAsset().doubleValue());
            assertThat(ours.exitPrice(k)).as("exit price of trade " + k)
                    .isEqualTo(position.getExit().getPricePerAsset().doubleValue());
            assertThat(ours.entryPrice(k)).isEqualTo(candles.open()[ours.entryIndex(k)]);
        }
    }

    static TradeLog ours(CandleSeries candles, String strategy, Map<String, Object> raw) {
        StrategyCatalog catalog = StrategyCatalog.builtIn();
        Map<String, Object> params = catalog.validate(strategy, raw);
        EngineSettings settings = new EngineSettings(10_000, 0, 0, 0, true, 100);
        return new BacktestEngine(candles, settings)
                .run(catalog.create(strategy, params), 0, candles.size(), BacktestEngine.Control.NONE)
                .trades();
    }

    static BarSeries ta4jSeries(CandleSeries candles) {
        BarSeries series = new BaseBarSeriesBuilder().withName("BTCUSD 4h").withNumTypeOf(DoubleNum::valueOf).build();
        Duration period = candles.interval().duration();
        for (int i = 0; i < candles.size(); i++) {
            ZonedDateTime end = Instant.ofEpochMilli(candles.openTimes()[i]).plus(period).atZone(ZoneOffset.UTC);
            series.addBar(period, end, candles.open()[i], candles.high()[i], candles.low()[i], candles.close()[i],
                    candles.volume()[i]);
        }
        return series;
    }

    static List<Position> ta4j(CandleSeries candles, BiFunction<Indicator<Num>, Integer, Indicator<Num>> average,
            int fast, int slow) {
        return runTa4j(ta4jSeries(candles), average, fast, slow);
    }

    static List<Position> runTa4j(BarSeries series, BiFunction<Indicator<Num>, Integer, Indicator<Num>> average,
            int fast, int slow) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        Indicator<Num> fastAverage = average.apply(close, fast);
        Indicator<Num> slowAverage = average.apply(close, slow);
        // our strategies act from the candle on which the slow average is first complete; so does this one
        BaseStrategy strategy = new BaseStrategy(new CrossedUpIndicatorRule(fastAverage, slowAverage),
                new CrossedDownIndicatorRule(fastAverage, slowAverage), slow);
        return new BarSeriesManager(series, new TradeOnNextOpenModel()).run(strategy).getPositions();
    }
}
