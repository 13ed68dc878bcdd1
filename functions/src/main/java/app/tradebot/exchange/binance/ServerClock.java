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

    private final Clock local;
    private final Supplier<Instant> serverTime;
    private volatile Duration offset;

    ServerClock(Clock local, Supplier<Instant> serverTime) {
        this.local = local;
        this.serverTime = serverTime;
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
        Instant sent = local.instant();
        Instant server = serverTime.get();
        Instant received = local.instant();
        Instant middle = sent.plus(Duration.between(sent, received).dividedBy(2));
        offset = Duration.between(middle, server);
        return offset;
    }

    Duration offset() {
        return offset == null ? Duration.ZERO : offset;
    }
}
