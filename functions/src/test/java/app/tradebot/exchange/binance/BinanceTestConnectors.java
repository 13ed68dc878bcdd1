package app.tradebot.exchange.binance;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * A Binance connector for tests of other packages: pointed at a fake, with a short request timeout, fast
 * retries, and the test's clock (the fake can follow it too).
 */
public final class BinanceTestConnectors {

    private BinanceTestConnectors() {
    }

    public static BinanceConnector connector(URI url, Duration requestTimeout, Clock clock) {
        return new BinanceConnector(new BinanceProperties(url, url, Duration.ofSeconds(5), Duration.ofSeconds(2), requestTimeout,
                6_000_000, 0.8, Duration.ofSeconds(5), 2, Duration.ofMillis(5), Duration.ofMinutes(10), 100, 10_000,
                Duration.ofSeconds(30)), clock, Sleeper.REAL, new Random(7));
    }
}
