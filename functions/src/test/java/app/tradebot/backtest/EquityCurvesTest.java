package app.tradebot.backtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EquityCurvesTest {

    @Test
    void aShortCurveIsKeptWhole() {
        assertThat(EquityCurves.downsample(new double[] { 1, 2, 3 }, 2000)).containsExactly(0, 1, 2);
    }

    @Test
    void aLongCurveKeepsFirstLastAndTheDeepestTroughWithinTheLimit() {
        int n = 1_000_000;
        double[] equity = new double[n];
        for (int i = 0; i < n; i++) {
            equity[i] = 1000 + Math.sin(i / 5000.0) * 10;
        }
        equity[123_457] = 1; // the drawdown that matters
        equity[654_321] = 5000; // a spike: the peak a later drawdown is measured from

        int[] picked = EquityCurves.downsample(equity, 2000);

        assertThat(picked.length).isLessThanOrEqualTo(2000).isGreaterThan(1000);
        assertThat(picked[0]).isZero();
        assertThat(picked[picked.length - 1]).isEqualTo(n - 1);
        assertThat(picked).contains(123_457, 654_321);
        for (int k = 1; k < picked.length; k++) {
            assertThat(picked[k]).isGreaterThan(picked[k - 1]);
        }
    }
}
