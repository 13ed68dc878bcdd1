package app.tradebot.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What to do with one job's ticks in {@code (cursor, now]}: fire only the latest of them
 * ({@link #fire()}), count the earlier ones as coalesced, and never fire a tick older than the
 * catch-up bound ({@link #expired()}). See {@link Scheduler} for the policy.
 *
 * @param fire the tick to fire now, if any
 * @param coalesced due ticks within the bound that are folded into {@link #fire()}
 * @param expired ticks older than the bound (counting stops at {@value #COUNT_LIMIT})
 */
record DueTicks(Optional<Instant> fire, long coalesced, long expired) {

    static final long COUNT_LIMIT = 100_000;

    static DueTicks between(ScheduleExpression expression, ZoneId zone, Instant cursor, Instant now,
            Duration maxAge) {
        Instant floor = now.minus(maxAge);
        Instant from = cursor;
        long expired = 0;
        if (cursor.isBefore(floor)) {
            Optional<Instant> tick = expression.next(cursor, zone);
            while (tick.isPresent() && !tick.get().isAfter(floor) && expired < COUNT_LIMIT) {
                expired++;
                tick = expression.next(tick.get(), zone);
            }
            from = floor;
        }
        Instant latest = null;
        long coalesced = 0;
        for (Optional<Instant> tick = expression.next(from, zone); tick.isPresent() && !tick.get().isAfter(now);
                tick = expression.next(tick.get(), zone)) {
            if (latest != null) {
                coalesced++;
            }
            latest = tick.get();
        }
        return new DueTicks(Optional.ofNullable(latest), coalesced, expired);
    }
}
