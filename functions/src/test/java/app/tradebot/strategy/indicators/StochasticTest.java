package app.tradebot.strategy.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StochasticTest {

    @ParameterizedTest
    @CsvSource({ "14, 3", "5, 3", "30, 5", "2, 1" })
    void matchesTa4j(int kPeriod, int dPeriod) {
        Stochastic stochastic = new Stochastic(kPeriod, dPeriod);
        int n = CANDLES.size();
        double[] k = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            stochastic.update(CANDLES.high()[i], CANDLES.low()[i], CANDLES.close()[i]);
            k[i] = stochastic.k();
            d[i] = stochastic.d();
        }
        StochasticOscillatorKIndicator referenceK = new StochasticOscillatorKIndicator(series(), kPeriod);
        StochasticOscillatorDIndicator referenceD = dPeriod == 3 ? new StochasticOscillatorDIndicator(referenceK)
                : new StochasticOscillatorDIndicator(new SMAIndicator(referenceK, dPeriod));
        String what = "Stochastic(" + kPeriod + ", " + dPeriod + ")";
        assertMatches(what + " %K", k, referenceK, kPeriod - 1);
        assertMatches(what + " %D", d, referenceD, kPeriod + dPeriod - 2);
    }

    @Test
    void whereTheCloseSitsInTheRange() {
        Stochastic stochastic = new Stochastic(3, 2);
        stochastic.update(10, 8, 9);
        stochastic.update(12, 9, 11);
        assertThat(stochastic.isReady()).isFalse();
        stochastic.update(11, 6, 7);
        // Highest high 12, lowest low 6, close 7: 100 * 1 / 6.
        assertThat(stochastic.k()).isCloseTo(100.0 / 6, within(1e-12));
        // %K is ready, %D wants two of them.
        assertThat(stochastic.isReady()).isFalse();
        stochastic.update(9, 7, 9);
        // Window 12/9, 11/6, 9/7: 100 * 3 / 6; %D the mean of the last two %K.
        assertThat(stochastic.k()).isEqualTo(50);
        assertThat(stochastic.d()).isCloseTo((100.0 / 6 + 50) / 2, within(1e-12));
        assertThat(stochastic.isReady()).isTrue();
    }
}
