package app.tradebot.strategy.indicators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.indicators.volume.VWAPIndicator;

import static app.tradebot.strategy.indicators.Reference.CANDLES;
import static app.tradebot.strategy.indicators.Reference.assertMatches;
import static app.tradebot.strategy.indicators.Reference.series;
import static app.tradebot.strategy.indicators.Reference.stream;
import static org.assertj.core.api.Assertions.assertThat;

class VwapTest {

    @ParameterizedTest
    @ValueSource(ints = { 2, 6, 14, 42, 180 })
    void matchesTa4j(int period) {
        Vwap vwap = new Vwap(period);
        double[] out = stream(i -> vwap.update(CANDLES.high()[i], CANDLES.low()[i], CANDLES.close()[i], CANDLES.volume()[i]));
        assertMatches("VWAP(" + period + ")", out, new VWAPIndicator(series(), period), period - 1);
    }

    @Test
    void weighsTypicalPricesByVolumeOverTheWindow() {
        Vwap vwap = new Vwap(2);
        assertThat(vwap.update(12, 6, 9, 0)).isEqualTo(9);
        assertThat(vwap.update(30, 0, 30, 2)).isEqualTo(20);
        // Window: typical 20 with volume 2, typical 10 with volume 3.
        assertThat(vwap.update(10, 10, 10, 3)).isEqualTo((20 * 2 + 10 * 3) / 5.0);
        assertThat(vwap.isReady()).isTrue();
    }
}
