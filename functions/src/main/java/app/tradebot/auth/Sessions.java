package app.tradebot.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a user's sessions end: the next whole second, so that every token issued until now (JWT
 * times are whole seconds) is before it, and a token issued from now on is not.
 */
final class Sessions {

    private Sessions() {
    }

    static Instant endNow(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }
}
