package app.tradebot.strategy.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DecimalNum;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BollingerBandsTest {

    @ParameterizedTest
    @CsvSource({ "20, 2", "5, 1.5", "50, 2.5", "2, 1" })
    void matchesTa4j(int period, double k) {
        BollingerBands bands = new BollingerBands(period, k);
        int n = CANDLES.size();
        double[] middle = new double[n];
        double[] upper = new double[n];
        double[] lower = new double[n];
        double[] deviation = new double[n];
        for (int i = 0; i < n; i++) {
            bands.update(CANDLES.close()[i]);
            middle[i] = bands.middle();
            upper[i] = bands.upper();
            lower[i] = bands.lower();
            deviation[i] = bands.standardDeviation();
        }
        BollingerBandsMiddleIndicator referenceMiddle = new BollingerBandsMiddleIndicator(new SMAIndicator(close(), period));
        StandardDeviationIndicator referenceDeviation = new StandardDeviationIndicator(close(), period);
        DecimalNum referenceK = DecimalNum.valueOf(k);
        String what = "Bollinger(" + period + ", " + k + ")";
        assertMatches(what + " middle", middle, referenceMiddle, period - 1);
        assertMatches(what + " upper", upper,
                new BollingerBandsUpperIndicator(referenceMiddle, referenceDeviation, referenceK), period - 1);
        assertMatches(what + " lower", lower,
                new BollingerBandsLowerIndicator(referenceMiddle, referenceDeviation, referenceK), period - 1);
        // The deviation is a distance in price: its error is measured against the price level. Near
        // zero (two equal closes) the O(1) update leaves rounding of the order of 1e-16 of the recent
        // variance, which a square root lifts to about 1e-8 absolute: nothing at the scale of a price.
        double[] deviationOverPrice = new double[n];
        for (int i = 0; i < n; i++) {
            deviationOverPrice[i] = deviation[i] / middle[i];
        }
        assertMatches(what + " standard deviation / price", deviationOverPrice,
                i -> referenceDeviation.getValue(i).doubleValue() / referenceMiddle.getValue(i).doubleValue(), period - 1);
    }

    @Test
    void populationStandardDeviation() {
        BollingerBands bands = new BollingerBands(4, 2);
        for (double x : new double[] { 2, 4, 4, 4, 5, 5, 7, 9 }) {
            bands.update(x);
        }
        // Last four: 5, 5, 7, 9: mean 6.5, population variance 2.75.
        assertThat(bands.middle()).isEqualTo(6.5);
        assertThat(bands.standardDeviation()).isCloseTo(Math.sqrt(2.75), within(1e-12));
        assertThat(bands.upper()).isCloseTo(6.5 + 2 * Math.sqrt(2.75), within(1e-12));
        assertThat(bands.lower()).isCloseTo(6.5 - 2 * Math.sqrt(2.75), within(1e-12));
        assertThat(bands.isReady()).isTrue();
    }
}
