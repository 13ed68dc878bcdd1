package app.tradebot.exchange.binance;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerClockTest {

    @Test
    void theOffsetIsTheServersTimeAgainstTheMiddleOfTheRoundTrip() {
        WeightGateTest.MutableClock local = new WeightGateTest.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicInteger calls = new AtomicInteger();
        ServerClock clock = new ServerClock(local, () -> {
            calls.incrementAndGet();
            // The answer takes 200 ms; the server is 3 s ahead of the local clock.
            local.advance(Duration.ofMillis(100));
            Instant server = local.instant().plusSeconds(3);
            local.advance(Duration.ofMillis(100));
            return server;
        });

        Instant now = clock.now();

        assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(3));
        assertThat(now).isEqualTo(Instant.parse("2026-01-01T00:00:03.200Z"));
        clock.now();
        assertThat(calls).hasValue(1);
    }

    @Test
    void retryBackoffDoublesWithJitterOfHalfEitherWay() {
        BinanceHttp http = new BinanceHttp(URI.create("http://127.0.0.1:9"), BinanceProperties.defaults(URI.create("http://127.0.0.1:9")),
                Clock.systemUTC(), Sleeper.REAL, new Random(42));

        for (int attempt = 0; attempt < 3; attempt++) {
            long base = 200L << attempt;
            for (int i = 0; i < 50; i++) {
                assertThat(http.backoff(attempt).toMillis()).isBetween(base / 2, base * 3 / 2);
            }
        }
        // Jitter: not every client retries after the same delay.
        assertThat(IntStream.range(0, 20).mapToObj(i -> http.backoff(1)).distinct().count()).isGreaterThan(1);
    }
}
