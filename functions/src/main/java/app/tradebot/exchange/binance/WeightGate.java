package app.tradebot.exchange.binance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.tradebot.exchange.ExchangeException;

/**
 * Binance's request-weight limit of one IP, shared by every account that calls the same base URL.
 * Tracks the weight used in the current minute from {@code X-MBX-USED-WEIGHT-1M} (plus what was sent
 * since), spreads calls over the rest of the minute once past the slow-down share, waits out a 429's
 * {@code Retry-After}, and after a 418 refuses every call until the ban ends: calling on would only
 * lengthen it.
 */
final class WeightGate {

    private static final Pattern BANNED_UNTIL = Pattern.compile("banned until (\\d{10,})");

    private final int limit;
    private final double slowDownAt;
    private final Duration maxWait;
    private final Clock clock;
    private final Sleeper sleeper;

    private long minute = Long.MIN_VALUE;
    private int used;
    private Instant retryAfter = Instant.MIN;
    private Instant bannedUntil = Instant.MIN;

    WeightGate(int limit, double slowDownAt, Duration maxWait, Clock clock, Sleeper sleeper) {
        this.limit = limit;
        this.slowDownAt = slowDownAt;
        this.maxWait = maxWait;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until a call of {@code weight} may go, or fails at once when that would be too long or banned. */
    void acquire(int weight) {
        Duration wait = reserve(weight);
        while (!wait.isZero()) {
            sleeper.sleep(wait);
            // A 418 or 429 may have come in for another call meanwhile: this one must not go regardless.
            wait = stillBlocked();
        }
    }

    /** What is left to wait of a 429's Retry-After; a ban fails at once. */
    synchronized Duration stillBlocked() {
        Instant now = clock.instant();
        if (now.isBefore(bannedUntil)) {
            throw banned();
        }
        if (!now.isBefore(retryAfter)) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(now, retryAfter);
        if (wait.compareTo(maxWait) > 0) {
            throw new ExchangeException(429, -1003, "Binance asked for a pause in calls: they resume in " + wait.toSeconds() + " s");
        }
        return wait;
    }

    private ExchangeException banned() {
        return new ExchangeException(418, -1003, "Binance has banned this IP until " + bannedUntil
                + " for exceeding its request limits; no calls are made before then");
    }

    /** How long a call of {@code weight} must wait; its weight counts as used from now on. */
    synchronized Duration reserve(int weight) {
        Instant now = clock.instant();
        if (now.isBefore(bannedUntil)) {
            throw banned();
        }
        rollMinute(now);
        Duration wait = Duration.ZERO;
        if (now.isBefore(retryAfter)) {
            wait = Duration.between(now, retryAfter);
        }
        // After a call was pushed into the next minute, that minute's budget is what is counted: no
        // call may go before it starts, or it lands in the minute that is already at its limit.
        Instant minuteStart = Instant.ofEpochMilli(minute * 60_000);
        Instant from = now.isBefore(minuteStart) ? minuteStart : now;
        Instant minuteEnd = Instant.ofEpochMilli((minute + 1) * 60_000);
        int projected = used + weight;
        int soft = (int) Math.floor(limit * slowDownAt);
        Duration pace = Duration.between(now, from);
        if (projected > limit) {
            // Over the limit: the next minute starts afresh.
            pace = Duration.between(now, minuteEnd);
        } else if (projected > soft) {
            // Past the slow-down share: each call waits its share of the rest of the minute, so that
            // the budget left lasts until the minute ends instead of running out early.
            long left = Duration.between(from, minuteEnd).toMillis();
            pace = pace.plusMillis(left * weight / Math.max(weight, limit - used));
        }
        if (pace.compareTo(wait) > 0) {
            wait = pace;
        }
        if (wait.compareTo(maxWait) > 0) {
            throw new ExchangeException(429, -1003, "Binance request weight limit reached (" + used + " of " + limit
                    + " this minute): calls resume in " + wait.toSeconds() + " s");
        }
        if (projected > limit) {
            // The call goes in the next minute.
            minute += 1;
            used = weight;
        } else {
            used = projected;
        }
        return wait;
    }

    /** Learns from an answer: the weight Binance counted, a 429's Retry-After, a 418's ban. */
    synchronized void observe(int status, Optional<String> usedWeight, Optional<String> retryAfterSeconds, String body) {
        Instant now = clock.instant();
        rollMinute(now);
        // While calls wait for the next minute, an answer still reports the current one: not theirs.
        if (minute == now.toEpochMilli() / 60_000) {
            usedWeight.flatMap(WeightGate::parseInt).ifPresent(weight -> used = Math.max(weight, 0));
        }
        Duration retry = retryAfterSeconds.flatMap(WeightGate::parseInt).map(Duration::ofSeconds).orElse(null);
        if (status == 429) {
            retryAfter = now.plus(retry != null ? retry : Duration.ofMillis(Math.max(0, (minute + 1) * 60_000 - now.toEpochMilli())));
        } else if (status == 418) {
            Instant until = retry != null ? now.plus(retry) : now.plus(Duration.ofMinutes(2));
            Matcher matcher = body == null ? null : BANNED_UNTIL.matcher(body);
            if (matcher != null && matcher.find()) {
                Instant stated = Instant.ofEpochMilli(Long.parseLong(matcher.group(1)));
                if (stated.isAfter(until)) {
                    until = stated;
                }
            }
            bannedUntil = until;
        }
    }

    synchronized int used() {
        rollMinute(clock.instant());
        return used;
    }

    synchronized Optional<Instant> bannedUntil() {
        return clock.instant().isBefore(bannedUntil) ? Optional.of(bannedUntil) : Optional.empty();
    }

    private void rollMinute(Instant now) {
        long current = now.toEpochMilli() / 60_000;
        if (current > minute) {
            minute = current;
            used = 0;
        }
    }

    private static Optional<Integer> parseInt(String value) {
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
