package app.tradebot.strategy.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.indicators.RSIIndicator;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.close;
import static app.tradebot.strategy.indicators.Reference.stream;
import static org.assertj.core.api.Assertions.assertThat;

class RsiTest {

    @ParameterizedTest
    @ValueSource(ints = { 2, 7, 14, 50 })
    void matchesTa4j(int period) {
        Rsi rsi = new Rsi(period);
        double[] out = stream(i -> rsi.update(CANDLES.close()[i]));
        assertMatches("RSI(" + period + ")", out, new RSIIndicator(close(), period), period);
    }

    @Test
    void onlyGainsIsHundredAndNoMoveIsZero() {
        Rsi up = new Rsi(2);
        up.update(1);
        up.update(2);
        assertThat(up.isReady()).isFalse();
        assertThat(up.update(3)).isEqualTo(100);
        assertThat(up.isReady()).isTrue();
        Rsi flat = new Rsi(2);
        flat.update(5);
        assertThat(flat.update(5)).isZero();
        // gain 0, loss 2: average gain 0, average loss 1 (Wilder, alpha 1/2): RSI 0.
        assertThat(flat.update(3)).isZero();
        // gain 2: average gain 1, average loss 0.5: RSI 100 - 100 / 3.
        assertThat(flat.update(5)).isEqualTo(100 - 100 / 3.0);
    }
}
