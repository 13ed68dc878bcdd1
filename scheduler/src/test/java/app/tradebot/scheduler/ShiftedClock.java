package app.tradebot.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock running from an instant the test chooses, and can move to again. */
final class ShiftedClock extends Clock {

    private volatile Duration offset;

    ShiftedClock(Instant now) {
        shiftTo(now);
    }

    void shiftTo(Instant now) {
        offset = Duration.between(Instant.now(), now);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
