package app.tradebot.bots;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Venue;
import app.tradebot.market.CandleFeed;
import app.tradebot.market.CandleHistory;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.http.NotFound;
import app.tradebot.strategy.StrategyCatalog;

/**
 * What a bot must satisfy beyond its fields' own constraints: a known interval, a strategy of the catalog
 * with valid parameters (the backtests' schemas), sane sizing, the caller's own account, a symbol the
 * account's venue trades, and for a replay a paper account and stored candles in the range.
 */
final class BotRules {

    static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(100);
    static final String INVALID_FIELDS = "The request has invalid fields.";

    private final StrategyCatalog catalog;
    private final AccountExchanges accounts;
    private final CandleFeed feed;
    private final CandleHistory history;

    BotRules(StrategyCatalog catalog, AccountExchanges accounts, CandleFeed feed, CandleHistory history) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.feed = feed;
        this.history = history;
    }

    /** A request that passed: the symbol upper-cased, the params validated and completed by the catalog. */
    record Checked(String symbol, Interval interval, Map<String, Object> params, Venue venue) {
    }

    Checked create(CreateBotRequest body, UUID userId) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Interval> interval = Interval.fromCode(body.interval());
        if (interval.isEmpty()) {
            errors.add(new FieldError("interval", "must be one of " + Arrays.stream(Interval.values())
                    .map(Interval::code).collect(Collectors.joining(", "))));
        }
        sizing(body.sizing(), errors);
        Map<String, Object> params = params(body.strategy(), body.params(), errors);
        ReplayRange replay = body.replay();
        if (replay != null && !replay.from().isBefore(replay.to())) {
            errors.add(new FieldError("replay.to", "must be after replay.from"));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(INVALID_FIELDS, errors);
        }
        Venue venue;
        try {
            venue = accounts.venue(userId, body.accountId());
        }
        catch (NotFound e) {
            throw new NotFound("accountId: you have no exchange account " + body.accountId() + ".");
        }
        String symbol = body.symbol().strip().toUpperCase(Locale.ROOT);
        CandleFeed.SymbolSource source = feed.of(userId).source(symbol);
        if (source == null) {
            errors.add(new FieldError("symbol", "is not a known symbol (neither listed by the exchange nor imported)"));
        }
        else if (source == CandleFeed.SymbolSource.IMPORT && venue != Venue.PAPER) {
            errors.add(new FieldError("symbol", "only has imported candles; a " + venue.kind()
                    + " account trades only symbols the exchange lists"));
        }
        if (replay != null) {
            if (venue != Venue.PAPER) {
                errors.add(new FieldError("replay", "only a paper account can replay candles"));
            }
            else if (source != null && history.count(userId, symbol, interval.get(), replay.from(), replay.to()) == 0) {
                errors.add(new FieldError("replay", "no " + symbol + " " + interval.get().code()
                        + " candles are stored from " + replay.from() + " to " + replay.to()));
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(INVALID_FIELDS, errors);
        }
        return new Checked(symbol, interval.get(), params, venue);
    }

    /** The update's params validated for the bot's strategy (null when the update leaves them). */
    Map<String, Object> update(Bot bot, UpdateBotRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (body.sizing() != null) {
            sizing(body.sizing(), errors);
        }
        Map<String, Object> params = body.params() == null ? null : params(bot.strategy(), body.params(), errors);
        if (!errors.isEmpty()) {
            throw new Invalid(INVALID_FIELDS, errors);
        }
        return params;
    }

    private static void sizing(BotSizing sizing, List<FieldError> errors) {
        if (sizing.type() == BotSizing.Type.percent && sizing.value().compareTo(MAX_PERCENT) > 0) {
            errors.add(new FieldError("sizing.value", "must be at most 100 for percent sizing"));
        }
    }

    private Map<String, Object> params(String strategy, Map<String, Object> params, List<FieldError> errors) {
        try {
            return catalog.validate(strategy, params == null ? Map.of() : params);
        }
        catch (Invalid e) {
            if (e.errors().isEmpty()) {
                errors.add(new FieldError("strategy", e.getMessage()));
            }
            else {
                e.errors().forEach(error -> errors.add(error.field().startsWith("params") || error.field().equals("strategy")
                        ? error : new FieldError("params." + error.field(), error.message())));
            }
            return null;
        }
    }
}
