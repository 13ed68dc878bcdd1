package app.tradebot.exchange.binance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.tradebot.exchange.ExchangeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeightGateTest {

    /** 10 s into a minute. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:10Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final WeightGate gate = new WeightGate(1000, 0.8, Duration.ofSeconds(30), clock, duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    });

    @Test
    void belowTheSlowDownShareCallsGoAtOnce() {
        gate.observe(200, Optional.of("700"), Optional.empty(), "");
        gate.acquire(20);

        assertThat(sleeps).isEmpty();
        assertThat(gate.used()).isEqualTo(720);
    }

    @Test
    void pastTheSlowDownShareCallsWaitTheirShareOfTheMinute() {
        gate.observe(200, Optional.of("900"), Optional.empty(), "");
        gate.acquire(20);

        // 50 s left, 100 weight left: a call of 20 waits a fifth of it.
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void overTheLimitTheCallWaitsForTheNextMinute() {
        clock.advance(Duration.ofSeconds(30));
        gate.observe(200, Optional.of("995"), Optional.empty(), "");
        gate.acquire(20);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(20));
        assertThat(gate.used()).isEqualTo(20);
    }

    @Test
    void callsAfterOnePushedIntoTheNextMinuteWaitForItToo() {
        clock.advance(Duration.ofSeconds(30));
        gate.observe(200, Optional.of("995"), Optional.empty(), "");

        // Two callers at the same moment: the first goes in the next minute, and so must the second;
        // sent at once, it would land in this minute, already at its limit.
        Duration first = gate.reserve(20);
        Duration second = gate.reserve(20);

        assertThat(first).isEqualTo(Duration.ofSeconds(20));
        assertThat(second).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void theWeightOfAMinuteGoneByDoesNotCountAgainstTheNext() {
        clock.advance(Duration.ofSeconds(30));
        gate.observe(200, Optional.of("995"), Optional.empty(), "");
        Duration first = gate.reserve(20);

        // An answer to a call sent earlier this minute reports this minute's weight, not the next one's.
        gate.observe(200, Optional.of("999"), Optional.empty(), "");
        Duration second = gate.reserve(20);

        assertThat(first).isEqualTo(Duration.ofSeconds(20));
        assertThat(second).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aNewMinuteStartsFromZero() {
        gate.observe(200, Optional.of("990"), Optional.empty(), "");
        clock.advance(Duration.ofSeconds(50));
        gate.acquire(20);

        assertThat(sleeps).isEmpty();
        assertThat(gate.used()).isEqualTo(20);
    }

    @Test
    void a429IsWaitedOutForItsRetryAfter() {
        gate.observe(429, Optional.empty(), Optional.of("7"), "");
        gate.acquire(1);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aWaitLongerThanAllowedFailsAtOnce() {
        gate.observe(429, Optional.empty(), Optional.of("120"), "");

        assertThatThrownBy(() -> gate.acquire(1)).isInstanceOf(ExchangeException.class)
                .hasMessageContaining("calls resume in 120 s")
                .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(429));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a418StopsEveryCallUntilTheBanEnds() {
        Instant until = clock.instant().plusSeconds(300);
        gate.observe(418, Optional.empty(), Optional.of("60"), "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until "
                + until.toEpochMilli() + ". Please use WebSocket Streams for live updates to avoid bans.\"}");

        // The ban the message states outlasts the Retry-After: the later one counts.
        clock.advance(Duration.ofSeconds(100));
        assertThatThrownBy(() -> gate.acquire(1)).isInstanceOf(ExchangeException.class)
                .hasMessageContaining("banned this IP until " + until)
                .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(418));
        assertThat(sleeps).isEmpty();

        clock.advance(Duration.ofSeconds(201));
        gate.acquire(1);
        assertThat(gate.bannedUntil()).isEmpty();
    }

    @Test
    void aBanThatComesWhileACallWaitsStopsThatCallToo() {
        WeightGate[] gates = new WeightGate[1];
        // Another caller's answer, while this one waits: the IP is banned.
        gates[0] = new WeightGate(1000, 0.8, Duration.ofSeconds(30), clock, duration -> {
            sleeps.add(duration);
            clock.advance(duration);
            gates[0].observe(418, Optional.empty(), Optional.of("120"), "");
        });
        gates[0].observe(429, Optional.empty(), Optional.of("5"), "");

        assertThatThrownBy(() -> gates[0].acquire(1)).isInstanceOf(ExchangeException.class)
                .hasMessageContaining("banned this IP")
                .satisfies(e -> assertThat(((ExchangeException) e).httpStatus()).isEqualTo(418));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aRetryAfterThatComesWhileACallWaitsIsWaitedOutToo() {
        WeightGate[] gates = new WeightGate[1];
        boolean[] told = new boolean[1];
        gates[0] = new WeightGate(1000, 0.8, Duration.ofSeconds(30), clock, duration -> {
            sleeps.add(duration);
            clock.advance(duration);
            if (!told[0]) {
                told[0] = true;
                gates[0].observe(429, Optional.empty(), Optional.of("7"), "");
            }
        });
        gates[0].observe(429, Optional.empty(), Optional.of("5"), "");

        gates[0].acquire(1);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(7));
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
