package app.tradebot.strategy.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.indicators.EMAIndicator;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.close;
import static app.tradebot.strategy.indicators.Reference.stream;
import static org.assertj.core.api.Assertions.assertThat;

class EmaTest {

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 9, 26, 200 })
    void matchesTa4j(int period) {
        Ema ema = new Ema(period);
        double[] out = stream(i -> ema.update(CANDLES.close()[i]));
        assertMatches("EMA(" + period + ")", out, new EMAIndicator(close(), period), period - 1);
    }

    @Test
    void isSeededWithTheFirstValue() {
        Ema ema = new Ema(3);
        assertThat(ema.update(10)).isEqualTo(10);
        assertThat(ema.update(20)).isEqualTo(15);
        assertThat(ema.isReady()).isFalse();
        assertThat(ema.update(5)).isEqualTo(10);
        assertThat(ema.isReady()).isTrue();
    }
}
