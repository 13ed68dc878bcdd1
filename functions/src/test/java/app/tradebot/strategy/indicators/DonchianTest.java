package app.tradebot.strategy.indicators;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelMiddleIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.series;
import static org.assertj.core.api.Assertions.assertThat;

class DonchianTest {

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 20, 55, 300 })
    void matchesTa4j(int period) {
        Donchian donchian = new Donchian(period);
        int n = CANDLES.size();
        double[] upper = new double[n];
        double[] lower = new double[n];
        double[] middle = new double[n];
        for (int i = 0; i < n; i++) {
            donchian.update(CANDLES.high()[i], CANDLES.low()[i]);
            upper[i] = donchian.upper();
            lower[i] = donchian.lower();
            middle[i] = donchian.middle();
        }
        String what = "Donchian(" + period + ")";
        assertMatches(what + " upper", upper, new DonchianChannelUpperIndicator(series(), period), period - 1);
        assertMatches(what + " lower", lower, new DonchianChannelLowerIndicator(series(), period), period - 1);
        assertMatches(what + " middle", middle, new DonchianChannelMiddleIndicator(series(), period), period - 1);
    }

    @Test
    void agreesWithABruteForceScanOnRandomWalks() {
        Random random = new Random(5);
        for (int period : new int[] { 1, 2, 3, 7, 16 }) {
            Donchian donchian = new Donchian(period);
            double[] highs = new double[2000];
            double[] lows = new double[2000];
            double price = 100;
            for (int i = 0; i < highs.length; i++) {
                // Repeated values on purpose: ties must not break the deque.
                price += random.nextInt(5) - 2;
                highs[i] = price + random.nextInt(3);
                lows[i] = price - random.nextInt(3);
                donchian.update(highs[i], lows[i]);
                double max = Double.NEGATIVE_INFINITY;
                double min = Double.POSITIVE_INFINITY;
                for (int j = Math.max(0, i - period + 1); j <= i; j++) {
                    max = Math.max(max, highs[j]);
                    min = Math.min(min, lows[j]);
                }
                assertThat(donchian.upper()).as("upper at " + i).isEqualTo(max);
                assertThat(donchian.lower()).as("lower at " + i).isEqualTo(min);
                assertThat(donchian.isReady()).isEqualTo(i >= period - 1);
            }
        }
    }
}
