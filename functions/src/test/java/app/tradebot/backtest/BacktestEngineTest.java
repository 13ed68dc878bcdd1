package app.tradebot.backtest;

import java.util.concurrent.atomic.AtomicInteger;

import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Exits;
import org.junit.jupiter.api.Test;

import static app.tradebot.backtest.Scripted.c;
import static app.tradebot.backtest.Scripted.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacktestEngineTest {

    static final double EPS = 1e-9;

    static EngineSettings settings(double balance, double feeBps, double slippageBps, boolean percent, double value) {
        return new EngineSettings(balance, feeBps, feeBps, slippageBps, percent, value);
    }

    static Simulation run(CandleSeries series, Scripted strategy, EngineSettings settings) {
        return new BacktestEngine(series, settings).run(strategy, 0, series.size(), BacktestEngine.Control.NONE);
    }

    @Test
    void aSignalFillsAtTheNextCandlesOpenNeverAtTheSignalCandlesClose() {
        CandleSeries candles = series(c(100, 110, 90, 105), c(107, 120, 100, 115), c(116, 130, 110, 125),
                c(126, 128, 118, 120));
        Scripted strategy = new Scripted().on(0, s -> s.enterLong()).on(2, s -> s.exit());

        Simulation sim = run(candles, strategy, settings(1000, 0, 0, true, 100));

        TradeLog trades = sim.trades();
        assertThat(trades.size()).isEqualTo(1);
        assertThat(trades.entryIndex(0)).isEqualTo(1);
        assertThat(trades.entryPrice(0)).isEqualTo(107);
        assertThat(trades.exitIndex(0)).isEqualTo(3);
        assertThat(trades.exitPrice(0)).isEqualTo(126);
        assertThat(trades.quantity(0)).isCloseTo(1000 / 107.0, within(EPS));
        assertThat(trades.pnl(0)).isCloseTo(1000 / 107.0 * 126 - 1000, within(EPS));
        assertThat(trades.exitReason(0)).isEqualTo("signal");
        // candle 0 flat, 1 and 2 held at the close, 3 sold at the open
        assertThat(sim.equity()).containsExactly(new double[] { 1000, 1000 / 107.0 * 115, 1000 / 107.0 * 125,
                1000 / 107.0 * 126 }, within(EPS));
        assertThat(sim.exposedCandles()).isEqualTo(2);
    }

    @Test
    void anIntentOnTheLastCandleNeverFills() {
        CandleSeries candles = series(c(100, 101, 99, 100), c(100, 101, 99, 100));
        Simulation sim = run(candles, new Scripted().on(1, s -> s.enterLong()), settings(1000, 0, 0, true, 100));

        assertThat(sim.trades().size()).isZero();
        assertThat(sim.finalEquity()).isEqualTo(1000);
    }

    @Test
    void takerFeesAndSlippageAreChargedOnBothSides() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 100, 100, 100), c(200, 200, 200, 200));
        Scripted strategy = new Scripted().on(0, s -> s.buy(500, Exits.NONE)).on(1, s -> s.exit());

        // 10 bp fee, 20 bp slippage
        Simulation sim = run(candles, strategy, settings(1000, 10, 20, false, 0));

        double buyPrice = 100 * 1.002;
        double qty = 500 / buyPrice;
        double sellPrice = 200 * 0.998;
        double fees = 500 * 0.001 + qty * sellPrice * 0.001;
        TradeLog trades = sim.trades();
        assertThat(trades.entryPrice(0)).isCloseTo(buyPrice, within(EPS));
        assertThat(trades.exitPrice(0)).isCloseTo(sellPrice, within(EPS));
        assertThat(trades.fees(0)).isCloseTo(fees, within(EPS));
        assertThat(trades.pnl(0)).isCloseTo(qty * sellPrice - 500 - fees, within(EPS));
        assertThat(sim.finalEquity()).isCloseTo(1000 + qty * sellPrice - 500 - fees, within(EPS));
    }

    @Test
    void fixedSizingSpendsTheAmountAndPercentSizingAShareOfEquity() {
        CandleSeries candles = series(c(50, 50, 50, 50), c(50, 50, 50, 50), c(50, 50, 50, 50));
        Simulation fixed = run(candles, new Scripted().on(0, s -> s.enterLong()), settings(1000, 0, 0, false, 250));
        Simulation percent = run(candles, new Scripted().on(0, s -> s.enterLong()).on(1, s -> s.enterLong()),
                settings(1000, 0, 0, true, 25));

        BacktestEngine probe = new BacktestEngine(candles, settings(1000, 0, 0, false, 250));
        probe.run(new Scripted().on(0, s -> s.enterLong()), 0, 3, BacktestEngine.Control.NONE);
        assertThat(probe.quantity()).isCloseTo(5, within(EPS));
        assertThat(fixed.finalEquity()).isCloseTo(1000, within(EPS));

        BacktestEngine second = new BacktestEngine(candles, settings(1000, 0, 0, true, 25));
        second.run(new Scripted().on(0, s -> s.enterLong()).on(1, s -> s.enterLong()), 0, 3, BacktestEngine.Control.NONE);
        // 25 % of 1000, then 25 % of the equity (still 1000 at an unchanged price)
        assertThat(second.quantity()).isCloseTo(10, within(EPS));
        assertThat(percent.trades().size()).isZero();
    }

    @Test
    void aBuyIsClippedToTheCashAndSkippedWhenThereIsNone() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 100, 100, 100), c(100, 100, 100, 100),
                c(100, 100, 100, 100));
        Scripted strategy = new Scripted().on(0, s -> s.buy(5000, Exits.NONE)).on(1, s -> s.buy(10, Exits.NONE));

        BacktestEngine engine = new BacktestEngine(candles, settings(1000, 100, 0, false, 0));
        Simulation sim = engine.run(strategy, 0, 4, BacktestEngine.Control.NONE);

        // 1 % fee: 1000 / 1.01 of notional is all the cash buys
        assertThat(engine.quantity()).isCloseTo(1000 / 1.01 / 100, within(EPS));
        assertThat(sim.skippedBuys()).isEqualTo(1);
        assertThat(sim.equity()[3]).isCloseTo(1000 / 1.01, within(1e-6));
    }

    @Test
    void whenACandleTouchesBothStopAndTakeProfitTheStopFills() {
        // entry at 100; stop 5 % = 95, take-profit 10 % = 110; candle 2 spans 90..120
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 101, 99, 100), c(100, 120, 90, 110),
                c(110, 110, 110, 110));
        Scripted strategy = new Scripted().on(0, s -> s.enterLong(new Exits(0.05, 0.10, Double.NaN)));

        Simulation sim = run(candles, strategy, settings(1000, 0, 0, true, 100));

        TradeLog trades = sim.trades();
        assertThat(trades.size()).isEqualTo(1);
        assertThat(trades.exitIndex(0)).isEqualTo(2);
        assertThat(trades.exitPrice(0)).isCloseTo(95, within(EPS));
        assertThat(trades.exitReason(0)).isEqualTo("stop-loss");
        assertThat(sim.finalEquity()).isCloseTo(950, within(EPS));
    }

    @Test
    void takeProfitFillsAtItsPriceWithTheMakerFee() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 101, 99, 100), c(105, 115, 104, 112));
        Scripted strategy = new Scripted().on(0, s -> s.enterLong(new Exits(0.05, 0.10, Double.NaN)));

        Simulation sim = new BacktestEngine(candles, new EngineSettings(1000, 50, 10, 30, true, 100))
                .run(strategy, 0, 3, BacktestEngine.Control.NONE);

        TradeLog trades = sim.trades();
        double entry = 100 * 1.003;
        double takerFee = 1000 / 1.005 * 0.005;
        double qty = 1000 / 1.005 / entry;
        double target = entry * 1.10;
        assertThat(trades.exitReason(0)).isEqualTo("take-profit");
        assertThat(trades.exitPrice(0)).isCloseTo(target, within(EPS));
        assertThat(trades.fees(0)).isCloseTo(takerFee + qty * target * 0.001, within(EPS));
    }

    @Test
    void aCandleThatGapsThroughTheStopFillsAtItsOpen() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 101, 99, 100), c(80, 85, 78, 84));
        Scripted strategy = new Scripted().on(0, s -> s.enterLong(new Exits(0.05, Double.NaN, Double.NaN)));

        Simulation sim = run(candles, strategy, settings(1000, 0, 10, true, 100));

        double entry = 100 * 1.001;
        assertThat(sim.trades().exitPrice(0)).isCloseTo(80 * 0.999, within(EPS));
        assertThat(sim.trades().pnl(0)).isCloseTo(1000 / entry * 80 * 0.999 - 1000, within(1e-6));
    }

    @Test
    void theEntryCandleItselfIsCheckedAgainstTheStop() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 101, 90, 100), c(100, 100, 100, 100));
        Simulation sim = run(candles, new Scripted().on(0, s -> s.enterLong(new Exits(0.05, Double.NaN, Double.NaN))),
                settings(1000, 0, 0, true, 100));

        assertThat(sim.trades().entryIndex(0)).isEqualTo(1);
        assertThat(sim.trades().exitIndex(0)).isEqualTo(1);
        assertThat(sim.trades().exitPrice(0)).isCloseTo(95, within(EPS));
    }

    @Test
    void theTrailingStopFollowsTheHighsOnlyAfterEachCandleIsChecked() {
        // entry 100, trail 10 %: candle 1 reaches 120 but its low of 100 is checked against the stop of
        // 90 from before it (raising it first to 108 would have exited on candle 1); candle 2 checks 108.
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 120, 100, 115), c(115, 116, 107, 110),
                c(110, 110, 110, 110));
        Scripted strategy = new Scripted().on(0, s -> s.enterLong(new Exits(Double.NaN, Double.NaN, 0.10)));

        Simulation sim = run(candles, strategy, settings(1000, 0, 0, true, 100));

        TradeLog trades = sim.trades();
        assertThat(trades.size()).isEqualTo(1);
        assertThat(trades.exitIndex(0)).isEqualTo(2);
        assertThat(trades.exitPrice(0)).isCloseTo(108, within(EPS));
        assertThat(trades.exitReason(0)).isEqualTo("trailing-stop");
    }

    @Test
    void restingLimitsFillWhenTradedThroughAtTheLimitOrAtAGappingOpen() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(99, 100, 96, 97), c(97, 98, 95, 96),
                c(96, 97, 94, 95), c(130, 131, 129, 130));
        // a buy limit at 95 placed on candle 0: candle 1 (low 96) misses, candle 2 (low 95) fills at 95;
        // a sell limit at 120 placed on candle 2 fills on candle 4, which opens above it, at 130.
        Scripted strategy = new Scripted().on(0, s -> s.buyLimit(95, 950)).on(2, s -> s.sellLimit(120, 100));

        Simulation sim = new BacktestEngine(candles, new EngineSettings(1000, 50, 10, 0, true, 100))
                .run(strategy, 0, 5, BacktestEngine.Control.NONE);

        TradeLog trades = sim.trades();
        assertThat(trades.size()).isEqualTo(1);
        assertThat(trades.entryIndex(0)).isEqualTo(2);
        assertThat(trades.entryPrice(0)).isCloseTo(95, within(EPS));
        assertThat(trades.exitIndex(0)).isEqualTo(4);
        assertThat(trades.exitPrice(0)).isCloseTo(130, within(EPS));
        assertThat(trades.quantity(0)).isCloseTo(10, within(EPS));
        assertThat(trades.fees(0)).isCloseTo(950 * 0.001 + 1300 * 0.001, within(EPS));
        assertThat(trades.exitReason(0)).isEqualTo("limit");
    }

    @Test
    void cancelledLimitsNeverFill() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 100, 100, 100), c(90, 90, 80, 85));
        Scripted strategy = new Scripted().on(0, s -> s.buyLimit(95, 500)).on(1, s -> s.cancelLimits());

        Simulation sim = run(candles, strategy, settings(1000, 0, 0, true, 100));

        assertThat(sim.finalEquity()).isEqualTo(1000);
        assertThat(sim.exposedCandles()).isZero();
    }

    @Test
    void aPartialSellKeepsTheRestAndTheTradeClosesWhenFlat() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 100, 100, 100), c(120, 120, 120, 120),
                c(150, 150, 150, 150));
        Scripted strategy = new Scripted().on(0, s -> s.enterLong()).on(1, s -> s.sell(0.5)).on(2, s -> s.exit());

        Simulation sim = run(candles, strategy, settings(1000, 0, 0, true, 100));

        TradeLog trades = sim.trades();
        assertThat(trades.size()).isEqualTo(1);
        assertThat(trades.quantity(0)).isCloseTo(10, within(EPS));
        assertThat(trades.exitPrice(0)).isCloseTo(135, within(EPS));
        assertThat(trades.pnl(0)).isCloseTo(350, within(EPS));
    }

    @Test
    void intentsDuringTheWarmUpAreDropped() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 100, 100, 100), c(100, 100, 100, 100),
                c(100, 100, 100, 100));
        Scripted strategy = new Scripted(2).on(0, s -> s.enterLong()).on(1, s -> s.buy(100, Exits.NONE));
        BacktestEngine engine = new BacktestEngine(candles, settings(1000, 0, 0, true, 100));

        engine.run(strategy, 0, 4, BacktestEngine.Control.NONE);

        // the intent on candle 0 (1 seen of 2) is dropped; candle 1's (2 seen) fills
        assertThat(engine.quantity()).isCloseTo(1, within(EPS));
    }

    @Test
    void theControlIsAskedEverySoManyCandlesAndCanStopTheRun() {
        int n = BacktestEngine.CONTROL_EVERY * 3 + 5;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = c(100, 100, 100, 100);
        }
        CandleSeries candles = series(rows);
        AtomicInteger asked = new AtomicInteger();

        Simulation done = new BacktestEngine(candles, settings(1000, 0, 0, true, 100))
                .run(new Scripted(), 0, n, (d, total) -> {
                    asked.incrementAndGet();
                    return true;
                });
        Simulation stopped = new BacktestEngine(candles, settings(1000, 0, 0, true, 100))
                .run(new Scripted(), 0, n, (d, total) -> d < BacktestEngine.CONTROL_EVERY * 2);

        assertThat(done).isNotNull();
        assertThat(asked.get()).isEqualTo(4);
        assertThat(stopped).isNull();
    }

    @Test
    void aLeadInWarmsTheStrategyWithoutTradingSoItActsFromTheFirstCandle() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 100, 100, 100), c(100, 100, 100, 100),
                c(100, 100, 100, 100), c(100, 100, 100, 100));
        // warm-up 3: seen from candle 0, the intent on candle 2 is the first that counts
        Scripted cold = new Scripted(3).on(0, s -> s.enterLong()).on(2, s -> s.buy(100, Exits.NONE));
        Scripted warm = new Scripted(3).on(0, s -> s.enterLong()).on(2, s -> s.buy(100, Exits.NONE));
        BacktestEngine fromTwo = new BacktestEngine(candles, settings(1000, 0, 0, true, 100));
        BacktestEngine warmedFromZero = new BacktestEngine(candles, settings(1000, 0, 0, true, 100));

        Simulation coldRun = fromTwo.run(cold, 2, 5, BacktestEngine.Control.NONE);
        Simulation warmRun = warmedFromZero.run(warm, 0, 2, 5, BacktestEngine.Control.NONE);

        // cold from candle 2: the strategy's first candle is in its warm-up, its intent is dropped
        assertThat(fromTwo.quantity()).isZero();
        // warmed on candles 0 and 1 (whose intent is dropped: no trading before 2), candle 2's fills on 3
        assertThat(warmedFromZero.quantity()).isCloseTo(1, within(EPS));
        assertThat(warmRun.equity()).hasSize(3);
        assertThat(coldRun.equity()).hasSize(3);
    }
}
