package app.tradebot.strategy.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.indicators.SMAIndicator;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.close;
import static app.tradebot.strategy.indicators.Reference.stream;
import static org.assertj.core.api.Assertions.assertThat;

class SmaTest {

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 14, 50, 200 })
    void matchesTa4j(int period) {
        Sma sma = new Sma(period);
        double[] out = stream(i -> sma.update(CANDLES.close()[i]));
        assertMatches("SMA(" + period + ")", out, new SMAIndicator(close(), period), period - 1);
    }

    @Test
    void averagesTheLastPeriodValuesAndIsReadyOnceItHasThem() {
        Sma sma = new Sma(3);
        assertThat(sma.value()).isNaN();
        assertThat(sma.update(3)).isEqualTo(3);
        assertThat(sma.update(6)).isEqualTo(4.5);
        assertThat(sma.isReady()).isFalse();
        assertThat(sma.update(9)).isEqualTo(6);
        assertThat(sma.isReady()).isTrue();
        assertThat(sma.update(12)).isEqualTo(9);
        assertThat(sma.update(0)).isEqualTo(7);
        assertThat(sma.period()).isEqualTo(3);
    }
}
