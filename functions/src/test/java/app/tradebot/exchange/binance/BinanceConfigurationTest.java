package app.tradebot.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class BinanceConfigurationTest {

    @Test
    void theRetryJitterIsNotASeededGeneratorThatASnapshotWouldFreeze() {
        RandomGenerator jitter = BinanceConfiguration.retryJitter();

        assertThat(jitter).isInstanceOf(SecureRandom.class);
        assertThat(jitter.nextDouble()).isBetween(0.0, 1.0);
    }
}
