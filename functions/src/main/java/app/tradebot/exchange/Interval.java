package app.tradebot.exchange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;

/** The candle intervals Binance serves, by their Binance code ({@code 1m} … {@code 1M}). */
public enum Interval {
    M1("1m", Duration.ofMinutes(1)),
    M3("3m", Duration.ofMinutes(3)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    M30("30m", Duration.ofMinutes(30)),
    H1("1h", Duration.ofHours(1)),
    H2("2h", Duration.ofHours(2)),
    H4("4h", Duration.ofHours(4)),
    H6("6h", Duration.ofHours(6)),
    H8("8h", Duration.ofHours(8)),
    H12("12h", Duration.ofHours(12)),
    D1("1d", Duration.ofDays(1)),
    D3("3d", Duration.ofDays(3)),
    W1("1w", Duration.ofDays(7)),
    /** Calendar months: {@link #duration()} is only an upper bound; use {@link #next(Instant)}. */
    MONTH("1M", Duration.ofDays(31));

    private final String code;
    private final Duration duration;

    Interval(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
    }

    public String code() {
        return code;
    }

    public Duration duration() {
        return duration;
    }

    /** The open time of the candle after the one that opens at {@code openTime}. */
    public Instant next(Instant openTime) {
        if (this == MONTH) {
            return ZonedDateTime.ofInstant(openTime, ZoneOffset.UTC).plusMonths(1).toInstant();
        }
        return openTime.plus(duration);
    }

    /** Codes are case-sensitive, as on Binance: {@code 1m} is a minute, {@code 1M} a month. */
    public static Optional<Interval> fromCode(String code) {
        return Arrays.stream(values()).filter(interval -> interval.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
