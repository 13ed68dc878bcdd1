package app.tradebot.market;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import app.tradebot.exchange.Interval;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.QueryTimes;
import app.tradebot.platform.http.Invalid;

/**
 * How the market routes read symbols, intervals and times from a request. Symbols are upper-cased
 * ({@code btcusdt} is {@code BTCUSDT}); intervals are Binance's case-sensitive codes; times are
 * ISO-8601 ({@code 2024-01-01T00:00:00Z}, with any offset) or epoch milliseconds.
 */
final class MarketParameters {

    static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");
    static final String INTERVALS = Arrays.stream(Interval.values()).map(Interval::code).collect(Collectors.joining(", "));

    private MarketParameters() {
    }

    /** The symbol if well-formed, else the error is added and null returned. */
    static String symbol(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        String symbol = raw.strip().toUpperCase(Locale.ROOT);
        if (!SYMBOL.matcher(symbol).matches()) {
            errors.add(new FieldError(field, "must be 2 to 20 letters and digits, such as BTCUSDT"));
            return null;
        }
        return symbol;
    }

    static Interval interval(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return Interval.fromCode(raw.strip()).orElseGet(() -> {
            errors.add(new FieldError(field, "must be one of " + INTERVALS));
            return null;
        });
    }

    static Instant time(String raw, String field, List<FieldError> errors) {
        return QueryTimes.parse(raw, field, errors);
    }

    static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new Invalid("The request has invalid parameters.", errors);
        }
    }
}
