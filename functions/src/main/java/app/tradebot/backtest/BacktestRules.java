package app.tradebot.backtest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import app.tradebot.exchange.Interval;
import app.tradebot.market.CandleHistory;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.strategy.StrategyCatalog;

import org.springframework.stereotype.Component;

/**
 * What a backtest or optimisation request must satisfy beyond its field constraints: a known
 * interval, a strategy of the catalog with valid parameters, {@code from} before {@code to}, sane
 * sizing, and stored candles in the range (at least one, at most {@link #MAX_CANDLES}).
 */
@Component
class BacktestRules {

    static final long MAX_CANDLES = 10_000_000;
    static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(100);

    private final StrategyCatalog catalog;
    private final CandleHistory candles;

    BacktestRules(StrategyCatalog catalog, CandleHistory candles) {
        this.catalog = catalog;
        this.candles = candles;
    }

    /** A request that passed, and how many candles its range holds. */
    record Checked(BacktestRequest request, long candles) {
    }

    /**
     * The request with its symbol upper-cased and its parameters validated and completed by the catalog,
     * the strategy first pinned for the user: their own strategy becomes the exact source version the run
     * keeps (another user's is unknown). The candles counted are those the user sees (the exchange's and
     * their own imports; never another user's).
     */
    BacktestRequest check(UUID userId, BacktestRequest request) {
        return checkCounted(userId, request).request();
    }

    Checked checkCounted(UUID userId, BacktestRequest request) {
        String pinned = catalog.pin(userId, request.strategy());
        return checkPinned(userId, pinned.equals(request.strategy()) ? request : new BacktestRequest(request.symbol(),
                request.interval(), pinned, request.params(), request.from(), request.to(), request.startingBalance(),
                request.feeBps(), request.makerFeeBps(), request.slippageBps(), request.sizing()));
    }

    private Checked checkPinned(UUID userId, BacktestRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Interval> interval = Interval.fromCode(request.interval());
        if (interval.isEmpty()) {
            errors.add(new FieldError("interval", "must be one of " + Arrays.stream(Interval.values())
                    .map(Interval::code).collect(Collectors.joining(", "))));
        }
        if (!request.from().isBefore(request.to())) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (request.sizing().type() == Sizing.Type.percent && request.sizing().value().compareTo(MAX_PERCENT) > 0) {
            errors.add(new FieldError("sizing.value", "must be at most 100 for percent sizing"));
        }
        Map<String, Object> params = null;
        try {
            params = catalog.validate(request.strategy(), request.params() == null ? Map.of() : request.params());
        }
        catch (Invalid e) {
            if (e.errors().isEmpty()) {
                errors.add(new FieldError("strategy", e.getMessage()));
            }
            else {
                e.errors().forEach(error -> errors.add(error.field().startsWith("params") || error.field().equals("strategy")
                        ? error : new FieldError("params." + error.field(), error.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid("The request has invalid fields.", errors);
        }
        String symbol = request.symbol().trim().toUpperCase(Locale.ROOT);
        long count = candles.count(userId, symbol, interval.get(), request.from(), request.to());
        if (count == 0) {
            throw new Invalid("No " + symbol + " " + interval.get().code() + " candles are stored from " + request.from()
                    + " to " + request.to() + ".");
        }
        if (count > MAX_CANDLES) {
            throw new Invalid("The range holds " + count + " candles; a backtest takes at most " + MAX_CANDLES + ".");
        }
        return new Checked(new BacktestRequest(symbol, interval.get().code(), request.strategy(), params, request.from(),
                request.to(), request.startingBalance(), request.feeBps(), request.makerFeeBps(), request.slippageBps(),
                request.sizing()), count);
    }
}
