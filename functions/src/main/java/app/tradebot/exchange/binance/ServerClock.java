package app.tradebot.exchange.binance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Binance's clock as seen from here: the local clock plus an offset measured against
 * {@code /api/v3/time}. Signed requests carry this time, so a drifting local clock does not get them
 * refused with -1021.
 */
final class ServerClock {

    /** One answer of the server's time, with the local times its request went and its answer came. */
    record Sample(Instant sent, Instant server, Instant received) {
    }

    private final Clock local;
    private final Supplier<Sample> samples;
    private volatile Duration offset;

    /** The round trip is timed around {@code serverTime}. */
    ServerClock(Clock local, Supplier<Instant> serverTime) {
        this.local = local;
        this.samples = () -> {
            Instant sent = local.instant();
            Instant server = serverTime.get();
            return new Sample(sent, server, local.instant());
        };
    }

    /**
     * The round trip is the one {@code samples} timed: waits before the request (rate limit, retries)
     * are not part of it, or they would shift the offset by half their length.
     */
    static ServerClock sampled(Clock local, Supplier<Sample> samples) {
        return new ServerClock(samples, local);
    }

    private ServerClock(Supplier<Sample> samples, Clock local) {
        this.local = local;
        this.samples = samples;
    }

    /** Binance's time now; measures the offset first if it never was. */
    Instant now() {
        if (offset == null) {
            sync();
        }
        return local.instant().plus(offset);
    }

    /** Measures the offset again, taking the server's time as of the middle of the round trip. */
    synchronized Duration sync() {
        Sample sample = samples.get();
        Instant middle = sample.sent().plus(Duration.between(sample.sent(), sample.received()).dividedBy(2));
        offset = Duration.between(middle, sample.server());
        return offset;
    }

    Duration offset() {
        return offset == null ? Duration.ZERO : offset;
    }
}
