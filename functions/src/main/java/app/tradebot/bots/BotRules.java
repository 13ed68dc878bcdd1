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

    /**
     * A request that passed: the strategy pinned (a user strategy as {@code user:<id>@<version>}), the symbol
     * upper-cased, the params validated and completed by the catalog.
     */
    record Checked(String strategy, String symbol, Interval interval, Map<String, Object> params, Venue venue) {
    }

    /** An update's strategy (pinned) and params (validated for it); either null when the update leaves it. */
    record Changed(String strategy, Map<String, Object> params) {
    }

    Checked create(CreateBotRequest body, UUID userId) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Interval> interval = Interval.fromCode(body.interval());
        if (interval.isEmpty()) {
            errors.add(new FieldError("interval", "must be one of " + Arrays.stream(Interval.values())
                    .map(Interval::code).collect(Collectors.joining(", "))));
        }
        sizing(body.sizing(), errors);
        String strategy = pin(userId, body.strategy(), errors);
        Map<String, Object> params = strategy == null ? null : params(strategy, body.params(), errors);
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
        return new Checked(strategy, symbol, interval.get(), params, venue);
    }

    /**
     * The update's strategy and params. A strategy named in the update is pinned again (a user strategy's
     * name gives its current version); the params sent, else the bot's own, are validated for the strategy
     * the bot will run.
     */
    Changed update(Bot bot, UpdateBotRequest body, Map<String, Object> botParams) {
        List<FieldError> errors = new ArrayList<>();
        if (body.sizing() != null) {
            sizing(body.sizing(), errors);
        }
        String strategy = body.strategy() == null ? null : pin(bot.userId(), body.strategy(), errors);
        Map<String, Object> params = null;
        if (strategy != null) {
            params = params(strategy, body.params() != null ? body.params() : botParams, errors);
        }
        else if (body.params() != null) {
            params = params(bot.strategy(), body.params(), errors);
        }
        if (!errors.isEmpty()) {
            throw new Invalid(INVALID_FIELDS, errors);
        }
        return new Changed(strategy, params);
    }

    private static void sizing(BotSizing sizing, List<FieldError> errors) {
        if (sizing.type() == BotSizing.Type.percent && sizing.value().compareTo(MAX_PERCENT) > 0) {
            errors.add(new FieldError("sizing.value", "must be at most 100 for percent sizing"));
        }
    }

    /** The reference the bot stores: a built-in's name, or the user's own strategy at its current version. */
    private String pin(UUID userId, String strategy, List<FieldError> errors) {
        try {
            return catalog.pin(userId, strategy);
        }
        catch (Invalid e) {
            errors.addAll(e.errors().isEmpty() ? List.of(new FieldError("strategy", e.getMessage())) : e.errors());
            return null;
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
