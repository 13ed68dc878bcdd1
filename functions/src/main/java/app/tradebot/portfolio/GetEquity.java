package app.tradebot.portfolio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.accounts.OwnedAccount;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.http.QueryTimes;

/**
 * {@code GET /api/portfolio/equity?accountId=&from=&to=}: the equity history snapshotEquity wrote for one of
 * the caller's accounts (another user's is a 404). {@code to} defaults to now and {@code from} to a week
 * before {@code to}; a range longer than {@value #MAX_DAYS} days is refused. Long ranges are downsampled to
 * at most {@value #MAX_POINTS} points, each the latest snapshot of its equal share of the range from its
 * first snapshot on.
 */
final class GetEquity implements ApiHandler<Void, EquityView> {

    static final int MAX_POINTS = 1_000;
    static final int MAX_DAYS = 1_096;
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    private final AccountExchanges accounts;
    private final EquityDao equity;
    private final Clock clock;

    GetEquity(AccountExchanges accounts, EquityDao equity, Clock clock) {
        this.accounts = accounts;
        this.equity = equity;
        this.clock = clock;
    }

    @Override
    public EquityView handle(Void body, ApiRequest request) {
        UUID userId = request.userId();
        List<FieldError> errors = new ArrayList<>();
        UUID accountId = accountId(request.query("accountId").orElse(null), errors);
        Instant from = QueryTimes.parse(request.query("from").orElse(null), "from", errors);
        Instant to = QueryTimes.parse(request.query("to").orElse(null), "to", errors);
        if (!errors.isEmpty()) {
            throw new Invalid("The request has invalid parameters.", errors);
        }
        if (to == null) {
            to = clock.instant();
        }
        if (from == null) {
            from = to.minus(DEFAULT_RANGE);
        }
        if (from.isAfter(to)) {
            throw Invalid.field("from", "must not be after to");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw Invalid.field("from", "must be at most " + MAX_DAYS + " days before to");
        }
        OwnedAccount account = accounts.find(userId, accountId);
        // The spans cut the part of the range that has snapshots: an account's first hour of equity is
        // its snapshots, not one point of a month cut into a thousand spans.
        Instant asked = from;
        Instant origin = equity.first(account.id(), from, to).filter(first -> first.isAfter(asked)).orElse(from);
        long span = Math.max(1, ceilDiv(Duration.between(origin, to).toMillis() + 1, MAX_POINTS));
        return new EquityView(account.id(), from, to, equity.downsampled(account.id(), origin, to, span, MAX_POINTS));
    }

    private static UUID accountId(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("accountId", "is required"));
            return null;
        }
        try {
            UUID id = UUID.fromString(raw.strip());
            if (id.toString().equalsIgnoreCase(raw.strip())) {
                return id;
            }
        }
        catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        errors.add(new FieldError("accountId", "must be an account id (a UUID)"));
        return null;
    }

    private static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }
}
