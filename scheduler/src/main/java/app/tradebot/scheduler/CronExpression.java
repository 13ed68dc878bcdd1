package app.tradebot.scheduler;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * EventBridge's six-field {@code cron(minutes hours day-of-month month day-of-week year)}.
 *
 * <p>Every field takes {@code *}, values, {@code a-b} ranges, {@code ,} lists and {@code /} steps
 * ({@code 0/15}, {@code *}{@code /15}, {@code 10-40/10}). Months are 1-12 or JAN-DEC, days of week
 * 1-7 or SUN-SAT (1 = SUN), years 1970-2199. Exactly one of day-of-month and day-of-week is
 * {@code ?}. Day-of-month also takes {@code L} (last day), {@code LW} (last weekday) and
 * {@code nW} (the weekday nearest day n, within the month); day-of-week takes {@code L}
 * (Saturday), {@code dL} (the month's last weekday d) and {@code d#n} (its n-th weekday d).
 * {@code L}, {@code W} and {@code #} stand alone in their field, not inside lists.
 *
 * <p>Times are local to the schedule's time zone. Like EventBridge Scheduler, a local time that
 * a DST gap skips does not fire, and a local time that a DST overlap repeats fires once, at its
 * first occurrence.
 */
final class CronExpression implements ScheduleExpression {

    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 2199;

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11),
            Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5,
            "FRI", 6, "SAT", 7);

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final Predicate<LocalDate> days;

    private CronExpression(String text, BitSet minutes, BitSet hours, BitSet months, BitSet years,
            Predicate<LocalDate> days) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.days = days;
    }

    static CronExpression parse(String expression, String body) {
        String[] fields = body.strip().split("\\s+");
        if (fields.length != 6) {
            throw new InvalidScheduleExpression(expression, "expected 6 fields (minutes hours day-of-month month"
                    + " day-of-week year), found " + (body.isBlank() ? 0 : fields.length));
        }
        Field field = new Field(expression);
        BitSet minutes = field.values(fields[0], "minutes", 0, 59, Map.of());
        BitSet hours = field.values(fields[1], "hours", 0, 23, Map.of());
        BitSet months = field.values(fields[3], "month", 1, 12, MONTHS);
        BitSet years = field.values(fields[5], "year", MIN_YEAR, MAX_YEAR, Map.of());
        boolean anyDayOfMonth = "?".equals(fields[2]);
        boolean anyDayOfWeek = "?".equals(fields[4]);
        if (anyDayOfMonth == anyDayOfWeek) {
            throw new InvalidScheduleExpression(expression,
                    "exactly one of day-of-month and day-of-week must be ?, found " + fields[2] + " and " + fields[4]);
        }
        Predicate<LocalDate> days = anyDayOfMonth ? field.dayOfWeek(fields[4].toUpperCase(Locale.ROOT))
                : field.dayOfMonth(fields[2].toUpperCase(Locale.ROOT));
        return new CronExpression(expression, minutes, hours, months, years, days);
    }

    @Override
    public Optional<Instant> next(Instant after, ZoneId zone) {
        LocalDateTime c = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        if (c.getYear() < MIN_YEAR) {
            c = LocalDateTime.of(MIN_YEAR, 1, 1, 0, 0);
        }
        while (c.getYear() <= MAX_YEAR) {
            if (!years.get(c.getYear())) {
                int year = years.nextSetBit(c.getYear());
                if (year < 0) {
                    return Optional.empty();
                }
                c = LocalDateTime.of(year, 1, 1, 0, 0);
                continue;
            }
            if (!months.get(c.getMonthValue())) {
                c = c.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
                continue;
            }
            if (!days.test(c.toLocalDate())) {
                c = c.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            int hour = hours.nextSetBit(c.getHour());
            if (hour != c.getHour()) {
                c = hour < 0 ? c.toLocalDate().plusDays(1).atStartOfDay() : c.toLocalDate().atTime(hour, 0);
                continue;
            }
            int minute = minutes.nextSetBit(c.getMinute());
            if (minute != c.getMinute()) {
                c = minute < 0 ? c.truncatedTo(ChronoUnit.HOURS).plusHours(1) : c.withMinute(minute);
                continue;
            }
            if (zone.getRules().getValidOffsets(c).isEmpty()) {
                c = c.plusMinutes(1); // skipped by a DST gap: no tick, as in EventBridge Scheduler
                continue;
            }
            // In a DST overlap ofLocal takes the earlier offset, so a repeated local time fires once.
            Instant tick = ZonedDateTime.ofLocal(c, zone, null).toInstant();
            if (tick.isAfter(after)) {
                return Optional.of(tick);
            }
            c = c.plusMinutes(1);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    /** Parses the fields of one expression, naming it in every error. */
    private record Field(String expression) {

        BitSet values(String text, String name, int min, int max, Map<String, Integer> names) {
            BitSet set = new BitSet(max + 1);
            for (String part : text.toUpperCase(Locale.ROOT).split(",", -1)) {
                if (part.isEmpty()) {
                    throw invalid(name, "empty list element in " + text);
                }
                int step = 1;
                String range = part;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = number(part.substring(slash + 1), name + " step", 1, max - min + 1, Map.of());
                    range = part.substring(0, slash);
                }
                int from;
                int to;
                if ("*".equals(range)) {
                    from = min;
                    to = max;
                }
                else if (range.contains("-")) {
                    int dash = range.indexOf('-');
                    from = number(range.substring(0, dash), name, min, max, names);
                    to = number(range.substring(dash + 1), name, min, max, names);
                    if (from > to) {
                        throw invalid(name, "range " + range + " runs backwards");
                    }
                }
                else {
                    from = number(range, name, min, max, names);
                    // "a/n" means from a to the end in steps of n
                    to = slash >= 0 ? max : from;
                }
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            }
            return set;
        }

        Predicate<LocalDate> dayOfMonth(String text) {
            if ("L".equals(text)) {
                return date -> date.getDayOfMonth() == date.lengthOfMonth();
            }
            if ("LW".equals(text)) {
                return date -> date.equals(lastWeekday(date));
            }
            if (text.endsWith("W")) {
                int day = number(text.substring(0, text.length() - 1), "day-of-month", 1, 31, Map.of());
                return date -> day <= date.lengthOfMonth() && date.equals(nearestWeekday(date.withDayOfMonth(day)));
            }
            if (text.contains("L") || text.contains("W") || text.contains("#")) {
                throw invalid("day-of-month", "L, LW and nW stand alone, found " + text);
            }
            BitSet set = values(text, "day-of-month", 1, 31, Map.of());
            return date -> set.get(date.getDayOfMonth());
        }

        Predicate<LocalDate> dayOfWeek(String text) {
            if ("L".equals(text)) {
                return date -> date.getDayOfWeek() == DayOfWeek.SATURDAY;
            }
            if (text.endsWith("L")) {
                DayOfWeek day = dayOfWeek(number(text.substring(0, text.length() - 1), "day-of-week", 1, 7, DAYS));
                return date -> date.equals(date.with(TemporalAdjusters.lastInMonth(day)));
            }
            int hash = text.indexOf('#');
            if (hash >= 0) {
                DayOfWeek day = dayOfWeek(number(text.substring(0, hash), "day-of-week", 1, 7, DAYS));
                int nth = number(text.substring(hash + 1), "day-of-week instance after #", 1, 5, Map.of());
                return date -> date.getDayOfWeek() == day && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
            }
            BitSet set = values(text, "day-of-week", 1, 7, DAYS);
            return date -> set.get(date.getDayOfWeek().getValue() % 7 + 1);
        }

        private int number(String text, String name, int min, int max, Map<String, Integer> names) {
            Integer named = names.get(text);
            if (named != null) {
                return named;
            }
            if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 9) {
                throw invalid(name, "'" + text + "' is not a number"
                        + (names.isEmpty() ? "" : " or one of " + String.join(",", names.keySet().stream().sorted(
                                (a, b) -> Integer.compare(names.get(a), names.get(b))).toList())));
            }
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw invalid(name, value + " is outside " + min + "-" + max);
            }
            return value;
        }

        private InvalidScheduleExpression invalid(String name, String reason) {
            return new InvalidScheduleExpression(expression, name + ": " + reason);
        }

        /** 1 = SUN ... 7 = SAT. */
        private static DayOfWeek dayOfWeek(int aws) {
            return DayOfWeek.SUNDAY.plus(aws - 1);
        }

        private static LocalDate lastWeekday(LocalDate date) {
            LocalDate last = date.withDayOfMonth(date.lengthOfMonth());
            return switch (last.getDayOfWeek()) {
                case SATURDAY -> last.minusDays(1);
                case SUNDAY -> last.minusDays(2);
                default -> last;
            };
        }

        /** The weekday nearest to {@code day} without leaving its month. */
        private static LocalDate nearestWeekday(LocalDate day) {
            return switch (day.getDayOfWeek()) {
                case SATURDAY -> day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
                case SUNDAY -> day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
                default -> day;
            };
        }
    }
}
