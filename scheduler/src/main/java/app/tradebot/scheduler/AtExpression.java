package app.tradebot.scheduler;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code at(yyyy-mm-ddThh:mm:ss)}: one tick at that local time in the schedule's time zone. A
 * local time that a DST gap skips is moved forward by the gap; one that a DST overlap repeats
 * is taken at its first occurrence.
 */
record AtExpression(LocalDateTime at, String text) implements ScheduleExpression {

    private static final Pattern SYNTAX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

    static AtExpression parse(String expression, String body) {
        if (!SYNTAX.matcher(body).matches()) {
            throw new InvalidScheduleExpression(expression, "expected at(yyyy-mm-ddThh:mm:ss)");
        }
        try {
            return new AtExpression(LocalDateTime.parse(body), expression);
        }
        catch (DateTimeParseException e) {
            throw new InvalidScheduleExpression(expression, "no such date or time");
        }
    }

    @Override
    public Optional<Instant> next(Instant after, ZoneId zone) {
        Instant tick = ZonedDateTime.ofLocal(at, zone, null).toInstant();
        return tick.isAfter(after) ? Optional.of(tick) : Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
