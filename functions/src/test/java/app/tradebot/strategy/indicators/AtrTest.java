package app.tradebot.strategy.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.indicators.ATRIndicator;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.series;
import static app.tradebot.strategy.indicators.Reference.stream;
import static org.assertj.core.api.Assertions.assertThat;

class AtrTest {

    @ParameterizedTest
    @ValueSource(ints = { 1, 5, 14, 100 })
    void matchesTa4j(int period) {
        Atr atr = new Atr(period);
        double[] out = stream(i -> atr.update(CANDLES.high()[i], CANDLES.low()[i], CANDLES.close()[i]));
        assertMatches("ATR(" + period + ")", out, new ATRIndicator(series(), period), period - 1);
    }

    @Test
    void trueRangeReachesBackToThePreviousClose() {
        Atr atr = new Atr(1);
        assertThat(atr.update(11, 9, 10)).isEqualTo(2);
        // Gap up: high 15 - previous close 10.
        assertThat(atr.update(15, 14, 14.5)).isEqualTo(5);
        // Gap down: previous close 14.5 - low 8.
        assertThat(atr.update(9, 8, 8.5)).isEqualTo(6.5);
    }
}
