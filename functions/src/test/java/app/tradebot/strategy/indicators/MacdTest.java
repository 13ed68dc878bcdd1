package app.tradebot.strategy.indicators;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MacdTest {

    @ParameterizedTest
    @CsvSource({ "12, 26, 9", "5, 35, 5", "3, 10, 16", "20, 20, 1" })
    void matchesTa4j(int fast, int slow, int signal) {
        Macd macd = new Macd(fast, slow, signal);
        int n = CANDLES.size();
        double[] line = new double[n];
        double[] signalLine = new double[n];
        double[] histogram = new double[n];
        for (int i = 0; i < n; i++) {
            macd.update(CANDLES.close()[i]);
            line[i] = macd.line();
            signalLine[i] = macd.signal();
            histogram[i] = macd.histogram();
        }
        MACDIndicator reference = new MACDIndicator(close(), fast, slow);
        EMAIndicator referenceSignal = reference.getSignalLine(signal);
        String what = "MACD(" + fast + ", " + slow + ", " + signal + ")";
        int warmUp = slow + signal - 1;
        assertMatches(what + " line", line, reference, warmUp);
        assertMatches(what + " signal", signalLine, referenceSignal, warmUp);
        assertMatches(what + " histogram", histogram,
                i -> reference.getValue(i).minus(referenceSignal.getValue(i)).doubleValue(), warmUp);
    }

    @ParameterizedTest
    @CsvSource({ "26, 12" })
    void theFastPeriodMustNotExceedTheSlow(int fast, int slow) {
        assertThatThrownBy(() -> new Macd(fast, slow, 9)).isInstanceOf(IllegalArgumentException.class);
        Macd macd = new Macd(slow, fast + 30, 9);
        assertThat(macd.isReady()).isFalse();
    }
}
