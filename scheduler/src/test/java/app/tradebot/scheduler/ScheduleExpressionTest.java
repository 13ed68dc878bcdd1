package app.tradebot.scheduler;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Next-tick computation against hand-checked calendars (2026-11-28 is a Saturday). */
class ScheduleExpressionTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // every day at 03:15
            "cron(15 3 * * ? *)            | 2026-11-28T00:00:00Z | 2026-11-28T03:15:00Z",
            "cron(15 3 * * ? *)            | 2026-11-28T03:14:59Z | 2026-11-28T03:15:00Z",
            "cron(15 3 * * ? *)            | 2026-11-28T03:15:00Z | 2026-11-29T03:15:00Z",
            "cron(15 3 * * ? *)            | 2026-12-31T03:15:00Z | 2027-01-01T03:15:00Z",
            // every 15 minutes on weekdays: Friday evening jumps to Monday
            "cron(0/15 * ? * MON-FRI *)    | 2026-11-26T10:07:00Z | 2026-11-26T10:15:00Z",
            "cron(0/15 * ? * MON-FRI *)    | 2026-11-27T23:45:00Z | 2026-11-30T00:00:00Z",
            "cron(0/15 * ? * MON-FRI *)    | 2026-11-28T12:00:00Z | 2026-11-30T00:00:00Z",
            "cron(*/15 * ? * 2-6 *)        | 2026-11-27T23:45:00Z | 2026-11-30T00:00:00Z",
            // last Friday of the month, 2026 only
            "cron(0 18 ? * 6L 2026)        | 2026-11-01T00:00:00Z | 2026-11-27T18:00:00Z",
            "cron(0 18 ? * 6L 2026)        | 2026-11-27T18:00:00Z | 2026-12-25T18:00:00Z",
            "cron(0 18 ? * FRIL 2026)      | 2026-07-01T00:00:00Z | 2026-07-31T18:00:00Z",
            // weekday nearest the 15th: Sunday 15 Feb -> Monday 16, Saturday 15 Aug -> Friday 14
            "cron(0 10 15W * ? *)          | 2026-02-01T00:00:00Z | 2026-02-16T10:00:00Z",
            "cron(0 10 15W * ? *)          | 2026-08-01T00:00:00Z | 2026-08-14T10:00:00Z",
            "cron(0 10 15W * ? *)          | 2026-09-01T00:00:00Z | 2026-09-15T10:00:00Z",
            // nearest weekday stays in the month: Saturday 1 Aug -> Monday 3
            "cron(0 10 1W * ? *)           | 2026-07-31T12:00:00Z | 2026-08-03T10:00:00Z",
            // first Monday of the month
            "cron(0 12 ? * 2#1 *)          | 2026-11-28T00:00:00Z | 2026-12-07T12:00:00Z",
            "cron(0 12 ? * MON#1 *)        | 2026-12-07T12:00:00Z | 2027-01-04T12:00:00Z",
            // last day, last weekday (31 Oct 2026 is a Saturday)
            "cron(0 0 L * ? *)             | 2026-02-10T00:00:00Z | 2026-02-28T00:00:00Z",
            "cron(0 0 LW * ? *)            | 2026-10-01T00:00:00Z | 2026-10-30T00:00:00Z",
            // L alone in day-of-week is Saturday
            "cron(0 0 ? * L *)             | 2026-11-25T00:00:00Z | 2026-11-28T00:00:00Z",
            // lists, ranges, steps and names
            "cron(5,35 8-9 1 JAN,JUL ? *)  | 2026-01-01T08:35:00Z | 2026-01-01T09:05:00Z",
            "cron(5,35 8-9 1 JAN,JUL ? *)  | 2026-01-01T09:35:00Z | 2026-07-01T08:05:00Z",
            "cron(10-40/10 0 1 * ? *)      | 2026-03-01T00:20:00Z | 2026-03-01T00:30:00Z",
            "cron(0 0 29 2 ? *)            | 2026-01-01T00:00:00Z | 2028-02-29T00:00:00Z",
            "cron(0 0 1 1 ? 2030-2031)     | 2026-06-01T00:00:00Z | 2030-01-01T00:00:00Z",
            // rate: a fixed grid counted from the epoch, in UTC
            "rate(5 minutes)               | 2026-11-28T03:17:12Z | 2026-11-28T03:20:00Z",
            "rate(5 minutes)               | 2026-11-28T03:20:00Z | 2026-11-28T03:25:00Z",
            "rate(1 minute)                | 2026-11-28T03:20:00.5Z | 2026-11-28T03:21:00Z",
            "rate(1 hour)                  | 2026-11-28T03:17:12Z | 2026-11-28T04:00:00Z",
            "rate(1 day)                   | 2026-11-28T03:17:12Z | 2026-11-29T00:00:00Z",
            "rate(7 days)                  | 2026-11-28T03:17:12Z | 2026-12-03T00:00:00Z",
    })
    void nextTickInUtc(String expression, Instant after, Instant expected) {
        assertThat(ScheduleExpression.parse(expression).next(after, UTC)).contains(expected);
    }

    @Test
    void cronEndsWithItsLastYear() {
        assertThat(ScheduleExpression.parse("cron(0 18 ? * 6L 2026)").next(Instant.parse("2026-12-25T18:00:00Z"), UTC))
                .isEmpty();
    }

    @Test
    void cronIsEvaluatedInTheScheduleTimeZone() {
        // 09:00 in Berlin is 08:00Z in winter (CET) and 07:00Z in summer (CEST).
        ScheduleExpression daily = ScheduleExpression.parse("cron(0 9 * * ? *)");
        assertThat(ticks(daily, BERLIN, "2026-03-27T12:00:00Z", 3)).containsExactly(
                "2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z");
    }

    @Test
    void aLocalTimeSkippedBySpringForwardDoesNotFire() {
        // Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day.
        ScheduleExpression daily = ScheduleExpression.parse("cron(30 2 * * ? *)");
        assertThat(ticks(daily, BERLIN, "2026-03-27T12:00:00Z", 3)).containsExactly(
                "2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z");
    }

    @Test
    void aLocalTimeRepeatedByFallBackFiresOnce() {
        // Berlin, 25 October 2026: 03:00 CEST falls back to 02:00 CET, so 02:00-02:59 happen twice.
        ScheduleExpression daily = ScheduleExpression.parse("cron(30 2 * * ? *)");
        assertThat(ticks(daily, BERLIN, "2026-10-24T12:00:00Z", 2)).containsExactly(
                "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z");
        ScheduleExpression halfHourly = ScheduleExpression.parse("cron(0/30 * * * ? *)");
        // 02:00 and 02:30 CEST (00:00Z, 00:30Z) fire; their CET repeats (01:00Z, 01:30Z) do not.
        assertThat(ticks(halfHourly, BERLIN, "2026-10-24T23:15:00Z", 5)).containsExactly(
                "2026-10-24T23:30:00Z", "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z",
                "2026-10-25T02:30:00Z");
    }

    @Test
    void rateIgnoresTheTimeZoneAndDaylightSaving() {
        ScheduleExpression hourly = ScheduleExpression.parse("rate(1 hour)");
        assertThat(ticks(hourly, BERLIN, "2026-10-24T23:30:00Z", 4)).containsExactly(
                "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z");
    }

    @Test
    void atFiresOnceAtALocalTime() {
        ScheduleExpression at = ScheduleExpression.parse("at(2026-12-01T09:00:00)");
        assertThat(at.next(Instant.parse("2026-11-28T00:00:00Z"), BERLIN)).contains(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(at.next(Instant.parse("2026-12-01T08:00:00Z"), BERLIN)).isEmpty();
    }

    @Test
    void rateUnitsAreMinutesHoursAndDaysOf24Hours() {
        assertThat(((RateExpression) ScheduleExpression.parse("rate(1 minute)")).period()).hasMinutes(1);
        assertThat(((RateExpression) ScheduleExpression.parse("rate(90 minutes)")).period()).hasMinutes(90);
        assertThat(((RateExpression) ScheduleExpression.parse("rate(2 hours)")).period()).hasHours(2);
        assertThat(((RateExpression) ScheduleExpression.parse("rate(1 day)")).period()).hasDays(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cron(15 3 ? * ? *)            | exactly one of day-of-month and day-of-week must be ?",
            "cron(15 3 * * * *)            | exactly one of day-of-month and day-of-week must be ?",
            "cron(15 3 1 * MON *)          | exactly one of day-of-month and day-of-week must be ?",
            "cron(15 3 * * ?)              | expected 6 fields",
            "cron(0 15 3 * * ? *)          | expected 6 fields",
            "cron()                        | found 0",
            "rate(1 minutes)               | a value of 1 takes a singular unit",
            "rate(5 minute)                | a value above 1 takes a plural unit",
            "rate(0 minute)                | the value must be a positive integer",
            "rate(0 minutes)               | the value must be a positive integer",
            "rate(-1 minutes)              | expected rate(value unit)",
            "rate(1.5 hours)               | expected rate(value unit)",
            "rate(2 weeks)                 | the unit must be minute(s), hour(s) or day(s)",
            "rate(5)                       | expected rate(value unit)",
            "rate(99999999999999999999 days) | the value is too large",
            "cron(60 3 * * ? *)            | minutes: 60 is outside 0-59",
            "cron(0 24 * * ? *)            | hours: 24 is outside 0-23",
            "cron(0 0 0 * ? *)             | day-of-month: 0 is outside 1-31",
            "cron(0 0 32 * ? *)            | day-of-month: 32 is outside 1-31",
            "cron(0 0 ? 13 MON *)          | month: 13 is outside 1-12",
            "cron(0 0 ? FOO MON *)         | month: 'FOO' is not a number or one of JAN",
            "cron(0 0 ? * 8 *)             | day-of-week: 8 is outside 1-7",
            "cron(0 0 ? * 0 *)             | day-of-week: 0 is outside 1-7",
            "cron(0 0 ? * MON 1969)        | year: 1969 is outside 1970-2199",
            "cron(0 0 ? * MON 2200)        | year: 2200 is outside 1970-2199",
            "cron(0/0 0 * * ? *)           | minutes step: 0 is outside",
            "cron(30-10 0 * * ? *)         | minutes: range 30-10 runs backwards",
            "cron(0,,5 0 * * ? *)          | minutes: empty list element",
            "cron(0 0 1,L * ? *)           | day-of-month: L, LW and nW stand alone",
            "cron(0 0 ? * 2#6 *)           | day-of-week instance after #: 6 is outside 1-5",
            "cron(0 0 ? * 9#1 *)           | day-of-week: 9 is outside 1-7",
            "cron(0 0 ? * 9L *)            | day-of-week: 9 is outside 1-7",
            "cron(0 0 40W * ? *)           | day-of-month: 40 is outside 1-31",
            "at(2026-02-30T10:00:00)       | no such date or time",
            "at(2026-12-01 10:00)          | expected at(yyyy-mm-ddThh:mm:ss)",
            "every(5 minutes)              | expected rate(...), cron(...) or at(...)",
            "cron(0 0 * * ? *              | expected rate(...), cron(...) or at(...)",
    })
    void invalidExpressionsAreRejectedWithTheReason(String expression, String reason) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression))
                .isInstanceOf(InvalidScheduleExpression.class)
                .hasMessageContaining(expression.strip())
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   " })
    void emptyExpressionsAreRejected(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression)).isInstanceOf(InvalidScheduleExpression.class)
                .hasMessageContaining("empty");
    }

    private static List<String> ticks(ScheduleExpression expression, ZoneId zone, String after, int count) {
        List<String> ticks = new ArrayList<>();
        Instant at = Instant.parse(after);
        for (int i = 0; i < count; i++) {
            Optional<Instant> next = expression.next(at, zone);
            assertThat(next).isPresent();
            at = next.get();
            ticks.add(at.toString());
        }
        return ticks;
    }
}
