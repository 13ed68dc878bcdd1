package app.tradebot.backtest;

import java.math.BigDecimal;

import app.tradebot.exchange.Interval;
import app.tradebot.market.CandleSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

    static final long DAY = Interval.D1.duration().toMillis();

    /** Three daily candles: the first opens at 50, the last closes at 60. */
    static CandleSeries days() {
        return new CandleSeries("BTCUSDT", Interval.D1, new long[] { 0, DAY, 2 * DAY }, new double[] { 50, 55, 58 },
                new double[] { 56, 60, 61 }, new double[] { 49, 52, 55 }, new double[] { 55, 58, 60 },
                new double[] { 1, 1, 1 });
    }

    static Simulation simulation() {
        TradeLog trades = new TradeLog();
        trades.add(0, 1, 50, 55, 1, 0, 10, BacktestEngine.EXIT_SIGNAL);
        trades.add(1, 2, 55, 50, 1, 0, -5, BacktestEngine.EXIT_STOP_LOSS);
        trades.add(1, 2, 55, 60, 1, 0, 20, BacktestEngine.EXIT_SIGNAL);
        return new Simulation(100, new double[] { 110, 99, 121 }, 2, trades, 0, 0);
    }

    @Test
    void everyFigureOnKnownValues() {
        Metrics m = Metrics.of(days(), simulation());

        assertThat(m.totalReturn()).isCloseTo(0.21, within(1e-12));
        assertThat(m.maxDrawdown()).isCloseTo(0.1, within(1e-12));
        // per-day returns 0.1, -0.1, 2/9; 365.25 days a year; risk-free 0
        assertThat(m.sharpe()).isCloseTo(8.702799821197674, within(1e-9));
        assertThat(m.sortino()).isCloseTo(24.520084989682132, within(1e-9));
        assertThat(m.cagr()).isCloseTo(11998275670.32402, within(1.0));
        assertThat(m.winRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.profitFactor()).isCloseTo(6, within(1e-12));
        assertThat(m.exposure()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.tradeCount()).isEqualTo(3);
        assertThat(m.buyAndHoldReturn()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void undefinedFiguresAreNaNAndShowAsNull() {
        Simulation flat = new Simulation(100, new double[] { 100, 100, 100 }, 0, new TradeLog(), 0, 0);

        Metrics m = Metrics.of(days(), flat);
        BacktestReport.MetricsView view = BacktestReport.MetricsView.of(m);

        assertThat(m.totalReturn()).isZero();
        assertThat(m.maxDrawdown()).isZero();
        assertThat(m.sharpe()).isNaN();
        assertThat(m.sortino()).isNaN();
        assertThat(m.winRate()).isNaN();
        assertThat(m.profitFactor()).isNaN();
        assertThat(view.sharpe()).isNull();
        assertThat(view.winRate()).isNull();
        assertThat(view.totalReturn()).isEqualByComparingTo("0").hasToString("0.000000");
        assertThat(view.buyAndHoldReturn()).isEqualTo(new BigDecimal("0.200000"));
    }

    @Test
    void winningWithoutALossRanksAboveEveryFiniteProfitFactorAndNoTradesBelow() {
        TradeLog winners = new TradeLog();
        winners.add(0, 1, 50, 55, 1, 0, 5, BacktestEngine.EXIT_SIGNAL);
        Metrics allWins = Metrics.of(days(), new Simulation(100, new double[] { 100, 105, 105 }, 1, winners, 0, 0));
        Metrics mixed = Metrics.of(days(), simulation());
        Metrics none = Metrics.of(days(), new Simulation(100, new double[] { 100, 100, 100 }, 0, new TradeLog(), 0, 0));

        assertThat(allWins.profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(allWins.rankValue(Metrics.RankMetric.profitFactor))
                .isGreaterThan(mixed.rankValue(Metrics.RankMetric.profitFactor));
        assertThat(none.rankValue(Metrics.RankMetric.profitFactor)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(BacktestReport.MetricsView.of(allWins).profitFactor()).isNull();
    }

    @Test
    void rankingPutsUndefinedLastAndTheSmallestDrawdownFirst() {
        Metrics m = Metrics.of(days(), simulation());
        Metrics flat = Metrics.of(days(), new Simulation(100, new double[] { 100, 100, 100 }, 0, new TradeLog(), 0, 0));

        assertThat(m.rankValue(Metrics.RankMetric.sharpe)).isGreaterThan(flat.rankValue(Metrics.RankMetric.sharpe));
        assertThat(flat.rankValue(Metrics.RankMetric.sharpe)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(flat.rankValue(Metrics.RankMetric.maxDrawdown)).isGreaterThan(m.rankValue(Metrics.RankMetric.maxDrawdown));
    }

    @Test
    void candlesPerYearFollowTheInterval() {
        assertThat(Metrics.candlesPerYear(Interval.H4)).isCloseTo(365.25 * 6, within(1e-9));
        assertThat(Metrics.candlesPerYear(Interval.M1)).isCloseTo(365.25 * 1440, within(1e-6));
        assertThat(Metrics.candlesPerYear(Interval.MONTH)).isEqualTo(12);
    }
}
