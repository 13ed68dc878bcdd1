package app.tradebot.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.http.DecimalStrings;
import app.tradebot.platform.http.FieldError;

/**
 * Reads a candle file line by line, in one of two shapes: {@code open_time,open,high,low,close,volume}
 * (an optional header line of exactly those names) or Binance's public data dump (12 columns, no
 * header: open time, OHLCV, close time, quote volume, trades, taker volumes, ignore). Open times are
 * epoch milliseconds or, as in Binance's dumps since 2025, microseconds; each must open a candle of
 * the interval, later than the row before. Every bad row is reported by its line number; valid rows
 * go to the sink as they are read, so a file of any size streams.
 */
final class CandleCsv {

    static final String HEADER = "open_time,open,high,low,close,volume";
    /** At most this many bad rows are listed; the count covers them all. */
    static final int MAX_REPORTED = 100;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    /** A decimal's form, whatever its length: [0-9.] only, so matching it costs nothing much. */
    private static final Pattern PLAIN = Pattern.compile("[0-9]+(\\.[0-9]+)?|\\.[0-9]+");
    /** Anything earlier is a time in seconds (or garbage), not a candle of a crypto exchange. */
    private static final long EARLIEST_MILLIS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    /** Microseconds since the epoch have 16 digits for centuries; milliseconds reach that in the year 5138. */
    private static final long MICROS_FROM = 100_000_000_000_000L;

    private final Interval interval;
    private final Clock clock;

    CandleCsv(Interval interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** What a whole file held: its valid rows' count and span, and its bad rows. */
    record Result(long rows, Instant first, Instant last, long badRows, List<FieldError> errors) {

        boolean valid() {
            return badRows == 0;
        }

        /** The problem's detail: how many rows are bad and which lines (the first ten). */
        String detail() {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < Math.min(10, errors.size()); i++) {
                lines.append(i == 0 ? "" : ", ").append(errors.get(i).field().substring("line ".length()));
            }
            String more = badRows > 10 ? ", …" : "";
            return (badRows == 1 ? "1 row of the CSV is invalid" : badRows + " rows of the CSV are invalid")
                    + " (line" + (badRows == 1 ? " " : "s ") + lines + more + "); nothing was imported.";
        }
    }

    Result read(BufferedReader reader, Consumer<CandleRow> sink) throws IOException {
        Instant latest = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        long badRows = 0;
        long rows = 0;
        long lineNumber = 0;
        int columns = 0;
        boolean first = true;
        Instant firstTime = null;
        Instant previous = null;
        long previousLine = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String trimmed = line.strip();
            if (first) {
                first = false;
                if (!trimmed.isEmpty() && Character.isLetter(trimmed.charAt(0))) {
                    if (!trimmed.replace(" ", "").toLowerCase(Locale.ROOT).equals(HEADER)) {
                        badRows++;
                        report(errors, lineNumber, "is not the header " + HEADER
                                + " (Binance's 12-column files have none)");
                    }
                    continue;
                }
            }
            String[] cells = trimmed.split(",", -1);
            String problem = null;
            if (cells.length != 6 && cells.length != 12) {
                problem = "has " + cells.length + " columns; expected 6 (" + HEADER + ") or 12 (Binance klines)";
            }
            else if (columns != 0 && cells.length != columns) {
                problem = "has " + cells.length + " columns where the first row has " + columns;
            }
            CandleRow row = null;
            if (problem == null) {
                if (columns == 0) {
                    columns = cells.length;
                }
                Parsed parsed = parse(cells, latest);
                problem = parsed.problem();
                row = parsed.row();
            }
            if (problem == null && previous != null) {
                if (row.openTime().equals(previous)) {
                    problem = "repeats the open time of line " + previousLine;
                }
                else if (row.openTime().isBefore(previous)) {
                    problem = "is out of order: it opens before line " + previousLine;
                }
            }
            if (problem != null) {
                badRows++;
                report(errors, lineNumber, problem);
                continue;
            }
            if (firstTime == null) {
                firstTime = row.openTime();
            }
            previous = row.openTime();
            previousLine = lineNumber;
            rows++;
            if (badRows == 0) {
                sink.accept(row);
            }
        }
        if (rows == 0 && badRows == 0) {
            badRows++;
            report(errors, Math.max(lineNumber, 1), "the file holds no candle");
        }
        return new Result(rows, firstTime, previous, badRows, List.copyOf(errors));
    }

    private record Parsed(CandleRow row, String problem) {

        static Parsed bad(String problem) {
            return new Parsed(null, problem);
        }
    }

    private Parsed parse(String[] cells, Instant latest) {
        String time = cells[0].strip();
        if (!DIGITS.matcher(time).matches()) {
            return Parsed.bad("open_time is not an epoch time in milliseconds or microseconds: '" + shown(time) + "'");
        }
        long value = Long.parseLong(time);
        if (value >= MICROS_FROM) {
            if (value % 1000 != 0) {
                return Parsed.bad("open_time " + time + " is not a whole millisecond");
            }
            value /= 1000;
        }
        if (value < EARLIEST_MILLIS) {
            return Parsed.bad("open_time " + time + " is not an epoch time in milliseconds or microseconds");
        }
        Instant openTime = Instant.ofEpochMilli(value);
        if (!opensACandle(openTime)) {
            return Parsed.bad("open_time " + openTime + " does not open a " + interval.code() + " candle");
        }
        if (!interval.next(openTime).isBefore(latest.plusMillis(1))) {
            return Parsed.bad("open_time " + openTime + " opens a candle that has not closed yet");
        }
        String[] names = { "open", "high", "low", "close", "volume" };
        BigDecimal[] numbers = new BigDecimal[5];
        for (int i = 0; i < 5; i++) {
            String cell = cells[i + 1].strip();
            // ".5" is written by some tools; a sign never belongs in a price or a volume.
            Optional<BigDecimal> number = cell.startsWith("-") ? Optional.empty()
                    : DecimalStrings.parse(cell.startsWith(".") ? "0" + cell : cell);
            if (number.isEmpty()) {
                return Parsed.bad(names[i] + (PLAIN.matcher(cell).matches() ? " " + DecimalStrings.LIMITS
                        : " is not a decimal number") + ": '" + shown(cell) + "'");
            }
            numbers[i] = number.get();
        }
        BigDecimal open = numbers[0];
        BigDecimal high = numbers[1];
        BigDecimal low = numbers[2];
        BigDecimal close = numbers[3];
        for (int i = 0; i < 4; i++) {
            if (numbers[i].signum() <= 0) {
                return Parsed.bad(names[i] + " must be greater than zero");
            }
        }
        if (low.compareTo(open.min(close)) > 0 || high.compareTo(open.max(close)) < 0) {
            return Parsed.bad("low must be at most and high at least open and close");
        }
        return new Parsed(new CandleRow(openTime, open, high, low, close, numbers[4]), null);
    }

    /** Binance's grid: minutes to days count from the epoch, weeks start on Monday, months on the first. */
    private boolean opensACandle(Instant openTime) {
        ZonedDateTime utc = ZonedDateTime.ofInstant(openTime, ZoneOffset.UTC);
        return switch (interval) {
            case MONTH -> utc.getDayOfMonth() == 1 && utc.toLocalTime().toSecondOfDay() == 0 && utc.getNano() == 0;
            case W1 -> utc.getDayOfWeek() == DayOfWeek.MONDAY && utc.toLocalTime().toSecondOfDay() == 0 && utc.getNano() == 0;
            // Binance's three-day grid is its own; any day start is taken.
            case D3 -> openTime.toEpochMilli() % 86_400_000L == 0;
            default -> openTime.toEpochMilli() % interval.duration().toMillis() == 0;
        };
    }

    private static void report(List<FieldError> errors, long line, String message) {
        if (errors.size() < MAX_REPORTED) {
            errors.add(new FieldError("line " + line, message));
        }
    }

    private static String shown(String cell) {
        return cell.length() > 30 ? cell.substring(0, 30) + "…" : cell;
    }
}
