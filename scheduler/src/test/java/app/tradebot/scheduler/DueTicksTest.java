package app.tradebot.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The missed-tick policy: fire only the latest due tick, never one older than the bound. */
class DueTicksTest {

    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void noTickDueFiresNothing() {
        DueTicks due = between("rate(1 minute)", "2026-11-28T03:00:00Z", "2026-11-28T03:00:59Z", DAY);
        assertThat(due).isEqualTo(new DueTicks(Optional.empty(), 0, 0));
    }

    @Test
    void oneDueTickFires() {
        DueTicks due = between("rate(1 minute)", "2026-11-28T03:00:00Z", "2026-11-28T03:01:00Z", DAY);
        assertThat(due).isEqualTo(new DueTicks(Optional.of(Instant.parse("2026-11-28T03:01:00Z")), 0, 0));
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedTickFires() {
        DueTicks due = between("rate(1 minute)", "2026-11-28T03:00:00Z", "2026-11-28T03:05:20Z", DAY);
        assertThat(due).isEqualTo(new DueTicks(Optional.of(Instant.parse("2026-11-28T03:05:00Z")), 4, 0));
    }

    @Test
    void ticksOlderThanTheBoundExpire() {
        // Down from 26 Nov 03:15 to 28 Nov 04:00: the 27 Nov tick is over 24h old, the 28 Nov one fires.
        DueTicks due = between("cron(15 3 * * ? *)", "2026-11-26T03:15:00Z", "2026-11-28T04:00:00Z", DAY);
        assertThat(due).isEqualTo(new DueTicks(Optional.of(Instant.parse("2026-11-28T03:15:00Z")), 0, 1));
    }

    @Test
    void aLatestTickOlderThanTheBoundDoesNotFire() {
        // Weekly on Monday; down from Monday 23 Nov to Wednesday 2 Dec: Monday 30 Nov is 2 days old.
        DueTicks due = between("cron(0 0 ? * MON *)", "2026-11-23T00:00:00Z", "2026-12-02T00:00:00Z", DAY);
        assertThat(due).isEqualTo(new DueTicks(Optional.empty(), 0, 1));
    }

    @Test
    void aMissedOneTimeScheduleFiresOnceWithinTheBound() {
        assertThat(between("at(2026-11-28T03:00:00)", "2026-11-28T02:00:00Z", "2026-11-28T05:00:00Z", DAY))
                .isEqualTo(new DueTicks(Optional.of(Instant.parse("2026-11-28T03:00:00Z")), 0, 0));
        assertThat(between("at(2026-11-28T03:00:00)", "2026-11-28T02:00:00Z", "2026-11-30T05:00:00Z", DAY))
                .isEqualTo(new DueTicks(Optional.empty(), 0, 1));
    }

    @Test
    void aTickExactlyAtTheCursorIsSettled() {
        DueTicks due = between("rate(1 minute)", "2026-11-28T03:01:00Z", "2026-11-28T03:01:30Z", DAY);
        assertThat(due.fire()).isEmpty();
    }

    private static DueTicks between(String expression, String cursor, String now, Duration maxAge) {
        return DueTicks.between(ScheduleExpression.parse(expression), ZoneOffset.UTC, Instant.parse(cursor),
                Instant.parse(now), maxAge);
    }
}
