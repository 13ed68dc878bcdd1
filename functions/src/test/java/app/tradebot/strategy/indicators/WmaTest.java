package app.tradebot.strategy.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.indicators.WMAIndicator;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.close;
import static app.tradebot.strategy.indicators.Reference.stream;
import static org.assertj.core.api.Assertions.assertThat;

class WmaTest {

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 10, 30, 200 })
    void matchesTa4j(int period) {
        Wma wma = new Wma(period);
        double[] out = stream(i -> wma.update(CANDLES.close()[i]));
        assertMatches("WMA(" + period + ")", out, new WMAIndicator(close(), period), period - 1);
    }

    @Test
    void weighsTheNewestMost() {
        Wma wma = new Wma(3);
        assertThat(wma.update(6)).isEqualTo(6);
        assertThat(wma.update(3)).isEqualTo((6 + 2 * 3) / 3.0);
        assertThat(wma.update(12)).isEqualTo((6 + 2 * 3 + 3 * 12) / 6.0);
        assertThat(wma.update(0)).isEqualTo((3 + 2 * 12 + 3 * 0) / 6.0);
        assertThat(wma.isReady()).isTrue();
    }
}
