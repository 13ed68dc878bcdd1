package app.tradebot.strategy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RealCandlesTest {

    @Test
    void theBtcUsdSeriesIsWholeAndInOrder() {
        RealCandles btc = RealCandles.btcUsd4h();

        assertThat(btc.size()).isEqualTo(20_695);
        assertThat(btc.bar(0)).isEqualTo(new Candle(1463544000000L, 456.16, 456.81, 455.3, 456.02, 561.88098307));
        assertThat(btc.text(0, 5)).isEqualTo("561.88098307");
        for (int i = 1; i < btc.size(); i++) {
            assertThat(btc.openTimes()[i]).as("open time %d", i).isGreaterThan(btc.openTimes()[i - 1]);
            assertThat(btc.high()[i]).isGreaterThanOrEqualTo(Math.max(btc.low()[i], btc.close()[i]));
        }
        assertThat(btc.bars()).hasSize(20_695);
        assertThat(RealCandles.ethUsd5m().size()).isEqualTo(580);
    }
}
