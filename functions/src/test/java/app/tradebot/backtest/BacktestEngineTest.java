package app.tradebot.backtest;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.fill.RoundTrip;
import app.tradebot.market.CandleSeries;
import app.tradebot.strategy.Exits;
import org.junit.jupiter.api.Test;

import static app.tradebot.backtest.Scripted.c;
import static app.tradebot.backtest.Scripted.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacktestEngineTest {

    static final double EPS = 1e-9;
    /** Quantities are rounded down to the step (0.00000001 without exchange filters): a few of those apart. */
    static final double ROUNDED = 1e-6;

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
        assertThat(trades.trip(0).quantity()).isEqualByComparingTo("9.34579439");
        assertThat(trades.trip(0).pnl()).isEqualByComparingTo(new BigDecimal("9.34579439").multiply(BigDecimal.valueOf(126))
                .subtract(new BigDecimal("9.34579439").multiply(BigDecimal.valueOf(107))));
        assertThat(trades.exitReason(0)).isEqualTo("signal");
        // candle 0 flat, 1 and 2 held at the close, 3 sold at the open
        assertThat(sim.equity()).containsExactly(new double[] { 1000, 1000 / 107.0 * 115, 1000 / 107.0 * 125,
                1000 / 107.0 * 126 }, within(ROUNDED));
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

        // the buy's fee is taken in the coin bought, the sell's in the quote received
        BigDecimal buyPrice = new BigDecimal("100.2");
        BigDecimal qty = new BigDecimal("4.99001996"); // 500 / 100.2 rounded down to the step
        BigDecimal buyFee = new BigDecimal("0.00499002"); // 0.1 % of the coins, rounded up to 8 places
        BigDecimal held = qty.subtract(buyFee);
        BigDecimal sellPrice = new BigDecimal("199.6");
        BigDecimal proceeds = held.multiply(sellPrice);
        BigDecimal sellFee = proceeds.multiply(new BigDecimal("0.001")).setScale(8, java.math.RoundingMode.UP);
        TradeLog trades = sim.trades();
        assertThat(trades.trip(0).entryPrice()).isEqualByComparingTo(buyPrice);
        assertThat(trades.trip(0).exitPrice()).isEqualByComparingTo(sellPrice);
        assertThat(trades.trip(0).quantity()).isEqualByComparingTo(qty);
        assertThat(trades.trip(0).fees()).isEqualByComparingTo(buyFee.multiply(buyPrice).add(sellFee));
        BigDecimal pnl = proceeds.subtract(sellFee).subtract(qty.multiply(buyPrice));
        assertThat(trades.trip(0).pnl()).isEqualByComparingTo(pnl);
        assertThat(sim.finalEquity()).isCloseTo(1000 + pnl.doubleValue(), within(EPS));
    }

    @Test
    void fixedSizingSpendsTheAmountAndPercentSizingAShareOfEquity() {
        CandleSeries candles = series(c(50, 50, 50, 50), c(50, 50, 50, 50), c(50, 50, 50, 50));
        Simulation fixed = run(candles, new Scripted().on(0, s -> s.enterLong()), settings(1000, 0, 0, false, 250));
        Simulation percent = run(candles, new Scripted().on(0, s -> s.enterLong()).on(1, s -> s.enterLong()),
                settings(1000, 0, 0, true, 25));

        BacktestEngine probe = new BacktestEngine(candles, settings(1000, 0, 0, false, 250));
        probe.run(new Scripted().on(0, s -> s.enterLong()), 0, 3, BacktestEngine.Control.NONE);
        assertThat(probe.quantity()).isEqualTo(5);
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

        // all the cash buys 10 coins; the 1 % fee is paid in coins
        assertThat(engine.quantity()).isEqualTo(9.9);
        assertThat(sim.skippedBuys()).isEqualTo(1);
        assertThat(sim.equity()[3]).isCloseTo(990, within(EPS));
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
        BigDecimal entry = new BigDecimal("100.3");
        BigDecimal qty = new BigDecimal("9.97008973"); // 1000 / 100.3 rounded down
        BigDecimal buyFee = new BigDecimal("0.04985045"); // 0.5 % of the coins, rounded up
        BigDecimal held = qty.subtract(buyFee);
        // the take-profit is 10 % above the average cost (the coins' fee included), rounded up to the tick
        BigDecimal average = qty.multiply(entry).divide(held, 16, java.math.RoundingMode.HALF_EVEN);
        BigDecimal target = average.multiply(new BigDecimal("1.1")).setScale(8, java.math.RoundingMode.UP);
        BigDecimal sellFee = held.multiply(target).multiply(new BigDecimal("0.001")).setScale(8, java.math.RoundingMode.UP);
        assertThat(trades.exitReason(0)).isEqualTo("take-profit");
        assertThat(trades.trip(0).exitPrice()).isEqualByComparingTo(target);
        assertThat(trades.trip(0).fees()).isEqualByComparingTo(buyFee.multiply(entry).add(sellFee));
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
    void restingLimitsFillWhenTradedThroughNotWhenTouchedAtTheirOwnPriceWithTheMakerFee() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(99, 100, 96, 97), c(97, 98, 95, 96),
                c(96, 97, 94, 95), c(100, 101, 99, 100), c(130, 131, 129, 130));
        // a buy limit at 95 placed on candle 0: candle 2 touches 95 (no fill), candle 3 trades through it;
        // a sell limit at 120 placed on candle 3 for more than is held sells what is held; candle 5 opens
        // above it and fills it at 120, its own price.
        Scripted strategy = new Scripted().on(0, s -> s.buyLimit(95, 950)).on(3, s -> s.sellLimit(120, 100));

        Simulation sim = new BacktestEngine(candles, new EngineSettings(1000, 50, 10, 0, true, 100))
                .run(strategy, 0, 6, BacktestEngine.Control.NONE);

        TradeLog trades = sim.trades();
        assertThat(trades.size()).isEqualTo(1);
        assertThat(trades.entryIndex(0)).isEqualTo(3);
        assertThat(trades.trip(0).entryPrice()).isEqualByComparingTo("95");
        assertThat(trades.exitIndex(0)).isEqualTo(5);
        assertThat(trades.trip(0).exitPrice()).isEqualByComparingTo("120");
        assertThat(trades.trip(0).quantity()).isEqualByComparingTo("10");
        // maker fees: 0.01 coin (worth 0.95) on the buy, 0.1 % of 9.99 × 120 on the sell
        assertThat(trades.trip(0).fees()).isEqualByComparingTo("2.1488");
        assertThat(trades.trip(0).pnl()).isEqualByComparingTo(new BigDecimal("1198.8").subtract(new BigDecimal("1.1988"))
                .subtract(new BigDecimal("950")));
        assertThat(trades.exitReason(0)).isEqualTo("limit");
    }

    @Test
    void aLimitAlreadyReachedWhenSentIsATakerAtTheOpen() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 100, 100, 100), c(100, 100, 100, 100),
                c(110, 111, 109, 110));
        // a buy limit at 105 when the next open is 100, a sell limit at 90 when the next open is 110
        Scripted strategy = new Scripted().on(0, s -> s.buyLimit(105, 1000)).on(2, s -> s.sellLimit(90, 100));

        Simulation sim = new BacktestEngine(candles, new EngineSettings(1000, 50, 10, 20, true, 100))
                .run(strategy, 0, 4, BacktestEngine.Control.NONE);

        RoundTrip trip = sim.trades().trip(0);
        // the buy fills at the open plus slippage (below its limit), the sell at the open less slippage
        assertThat(trip.entryPrice()).isEqualByComparingTo("100.2");
        assertThat(trip.exitPrice()).isEqualByComparingTo("109.78");
        // both pay the taker fee: 0.5 % of 9.52380952 coins = 0.04761905 coin, then 0.5 % of the proceeds
        BigDecimal held = new BigDecimal("9.52380952").subtract(new BigDecimal("0.04761905"));
        BigDecimal sellFee = held.multiply(new BigDecimal("109.78")).multiply(new BigDecimal("0.005"))
                .setScale(8, java.math.RoundingMode.UP);
        assertThat(trip.fees()).isEqualByComparingTo(new BigDecimal("0.04761905").multiply(new BigDecimal("100.2"))
                .add(sellFee));
    }

    @Test
    void aRestingBuyReservesItsCashSoAMarketBuyCannotSpendItToo() {
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 100, 100, 100), c(100, 100, 100, 100),
                c(100, 100, 100, 100));
        // a buy limit at 50 for 600 rests and holds 600; the market buy for 1000 gets the 400 left
        Scripted strategy = new Scripted().on(0, s -> s.buyLimit(50, 600)).on(1, s -> s.buy(1000, Exits.NONE));
        BacktestEngine engine = new BacktestEngine(candles, settings(1000, 0, 0, false, 0));

        engine.run(strategy, 0, 4, BacktestEngine.Control.NONE);

        assertThat(engine.quantity()).isEqualTo(4);
    }

    @Test
    void exitsEndWithTheirPositionAndNeverGuardALaterOne() {
        // entry 1 at 100 with a 5 % stop, closed by a signal at 100; entry 2 by a limit buy without exits
        // at 90: a fall to 80 must not fire the first entry's stop
        CandleSeries candles = series(c(100, 100, 100, 100), c(100, 100, 100, 100), c(100, 100, 100, 100),
                c(95, 96, 89, 90), c(90, 90, 80, 85), c(85, 85, 85, 85));
        Scripted strategy = new Scripted().on(0, s -> s.enterLong(new Exits(0.05, Double.NaN, Double.NaN)))
                .on(1, s -> s.exit()).on(2, s -> s.buyLimit(90, 500));
        BacktestEngine engine = new BacktestEngine(candles, settings(1000, 0, 0, true, 100));

        Simulation sim = engine.run(strategy, 0, 6, BacktestEngine.Control.NONE);

        assertThat(sim.trades().size()).isEqualTo(1);
        assertThat(engine.quantity()).isCloseTo(500 / 90.0, within(ROUNDED));
    }

    @Test
    void percentSizingMarksTheEquityAtTheDecisionCandlesClose() {
        // 50 % at the decision candle's close: 500 (of the 1000 cash), whatever the next open
        CandleSeries candles = series(c(100, 100, 100, 100), c(50, 50, 50, 50), c(50, 50, 50, 50));
        BacktestEngine engine = new BacktestEngine(candles, settings(1000, 0, 0, true, 50));

        engine.run(new Scripted().on(0, s -> s.enterLong()), 0, 3, BacktestEngine.Control.NONE);

        assertThat(engine.quantity()).isEqualTo(10);
    }

    @Test
    void anExchangesFiltersRoundTheQuantityAndRefuseWhatIsTooSmall() {
        SymbolRules btc = new SymbolRules("BTCUSDT", "BTC", "USDT", "TRADING", new BigDecimal("0.01"),
                new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("9000"), new BigDecimal("5"));
        CandleSeries candles = series(c(30000, 30000, 30000, 30000), c(30000, 30000, 30000, 30000),
                c(30000, 30000, 30000, 30000));
        // 100 USDT buys 0.003 BTC (not 0.00333…); 4 USDT is below the minimum order value
        Scripted strategy = new Scripted().on(0, s -> s.buy(100, Exits.NONE)).on(1, s -> s.buy(4, Exits.NONE));
        BacktestEngine engine = new BacktestEngine(candles, new EngineSettings(1000, 0, 0, 0, false, 0, btc));

        Simulation sim = engine.run(strategy, 0, 3, BacktestEngine.Control.NONE);

        assertThat(engine.quantity()).isEqualTo(0.003);
        assertThat(sim.skippedBuys()).isEqualTo(1);
        assertThat(sim.finalEquity()).isEqualTo(1000);
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
