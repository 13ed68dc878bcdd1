package app.tradebot.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rate(n minute|minutes|hour|hours|day|days)}. A day is 24 hours, as in EventBridge
 * Scheduler, so the time zone plays no part. Ticks lie on a fixed grid counted from the Unix
 * epoch (1970-01-01T00:00:00Z): {@code rate(5 minutes)} ticks at :00, :05, :10 UTC and
 * {@code rate(1 day)} at 00:00 UTC, so every replica computes the same tick times whenever it
 * started. (AWS counts from the schedule's creation or StartDate instead.)
 */
record RateExpression(Duration period, String text) implements ScheduleExpression {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+) ([a-z]+)");

    static RateExpression parse(String expression, String body) {
        Matcher m = SYNTAX.matcher(body);
        if (!m.matches()) {
            throw new InvalidScheduleExpression(expression, "expected rate(value unit), e.g. rate(5 minutes)");
        }
        long value;
        try {
            value = Long.parseLong(m.group(1));
        }
        catch (NumberFormatException e) {
            throw new InvalidScheduleExpression(expression, "the value is too large");
        }
        if (value < 1) {
            throw new InvalidScheduleExpression(expression, "the value must be a positive integer");
        }
        String unit = m.group(2);
        Duration one = switch (unit) {
            case "minute", "minutes" -> Duration.ofMinutes(1);
            case "hour", "hours" -> Duration.ofHours(1);
            case "day", "days" -> Duration.ofDays(1);
            default -> throw new InvalidScheduleExpression(expression,
                    "the unit must be minute(s), hour(s) or day(s)");
        };
        boolean singular = !unit.endsWith("s");
        if (value == 1 && !singular) {
            throw new InvalidScheduleExpression(expression, "a value of 1 takes a singular unit (minute, hour, day)");
        }
        if (value > 1 && singular) {
            throw new InvalidScheduleExpression(expression, "a value above 1 takes a plural unit (minutes, hours, days)");
        }
        if (value > Long.MAX_VALUE / one.toSeconds() / 2) {
            throw new InvalidScheduleExpression(expression, "the value is too large");
        }
        return new RateExpression(one.multipliedBy(value), expression);
    }

    @Override
    public Optional<Instant> next(Instant after, ZoneId zone) {
        long seconds = period.toSeconds();
        long ticks = Math.floorDiv(after.getEpochSecond(), seconds) + 1;
        return Optional.of(Instant.ofEpochSecond(ticks * seconds));
    }

    @Override
    public String toString() {
        return text;
    }
}
