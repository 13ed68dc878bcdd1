package app.tradebot.bots;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Trade;
import app.tradebot.market.CandleFeed;
import app.tradebot.orders.BotEventType;
import app.tradebot.orders.BotEvents;
import app.tradebot.orders.BotOrder;
import app.tradebot.orders.BotOrderStatus;
import app.tradebot.orders.BotPosition;
import app.tradebot.orders.BotOrders;
import app.tradebot.orders.BotRef;
import app.tradebot.orders.Fence;
import app.tradebot.orders.OrderIntent;
import app.tradebot.platform.http.NotFound;
import app.tradebot.platform.jobs.JobTask;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.platform.jobs.Lease;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.Undefined;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * MQ event on bot-runs: runs one bot over every closed candle it has not processed, once, in order.
 *
 * <p>The run holds the bot's lease ({@link BotsFunctions#BOT_RUNS}): one worker per bot whatever the
 * redeliveries or the number of workers; its fencing token goes to the order path as a {@link Fence}.
 * The newest candles are fetched from the venue first (a symbol with only imported candles runs on those).
 * The strategy's state is rebuilt by showing it the stored candles before its cursor (its warm-up; a
 * replay: the range from its start), then each new closed candle is shown once; its intents become order
 * rows in the transaction that moves the cursor past that candle, and are sent at once. A refused order
 * (other than one the balance cannot pay: dropped, as a backtest drops it) or a key that stopped working
 * stops the bot with the reason, never a retry loop; an exchange that cannot be
 * reached is an event, and the next tick tries again from the cursor.
 *
 * <p>A replay bot runs over its stored range through the same loop with a replay exchange whose clock is
 * the candles' (told each closed candle before the strategy sees it; the fills that candle made of its
 * resting orders are stored as the bot's at once), then stops itself; its fills are told to the fill listener
 * (its account's equity snapshot) once, as it stops, not one by one at its candles' prices
 * ({@link BotOrders#replayEnded}). On an exchange that does not rest protective orders (Binance) the bot's
 * armed protection is checked against each closed candle before the strategy sees it, and its exit sent at
 * once ({@link BotOrders#checkExits}).
 */
final class RunBot implements Consumer<JobTask> {

    /** Candles read from the store at a time. */
    static final int BATCH = 1000;
    /** A candle without intents moves the cursor in a batch of at most this many. */
    static final int CURSOR_EVERY = 500;
    static final long HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final String REPLAY_DONE = "replay finished";
    /** Binance's (and the paper exchange's) code for an order the account's free balance cannot pay. */
    static final int INSUFFICIENT_BALANCE = -2010;

    private static final Logger log = LoggerFactory.getLogger(RunBot.class);

    private final Jobs jobs;
    private final Jdbi jdbi;
    private final CandleFeed feed;
    private final StrategyCatalog catalog;
    private final BotExchanges exchanges;
    private final BotOrders orders;
    private final BotEvents events;
    private final BotLifecycle lifecycle;
    private final PreTradeChecks preTrade;
    private final BotSettlement settlement;
    private final JsonMapper json;

    RunBot(Jobs jobs, Jdbi jdbi, CandleFeed feed, StrategyCatalog catalog, BotExchanges exchanges, BotOrders orders,
            BotEvents events, BotLifecycle lifecycle, PreTradeChecks preTrade, BotSettlement settlement, JsonMapper json) {
        this.jobs = jobs;
        this.jdbi = jdbi;
        this.feed = feed;
        this.catalog = catalog;
        this.exchanges = exchanges;
        this.orders = orders;
        this.events = events;
        this.lifecycle = lifecycle;
        this.preTrade = preTrade;
        this.settlement = settlement;
        this.json = json;
    }

    @Override
    public void accept(JobTask task) {
        Optional<Lease> claimed = jobs.claim(BotsFunctions.BOT_RUNS, task.id());
        if (claimed.isEmpty()) {
            log.debug("Bot {} is run by another worker or has nothing queued", task.id());
            return;
        }
        Lease lease = claimed.get();
        try {
            run(lease);
            jobs.finish(lease, null);
        }
        catch (LeaseLost e) {
            log.info("Bot {} run {} stopped: its lease was taken over", task.id(), lease.fence());
        }
        catch (ExchangeException e) {
            Optional<Bot> bot = jdbi.withExtension(BotDao.class, dao -> dao.findById(task.id()));
            if (bot.isPresent() && keyRefused(e)) {
                stopItself(bot.get(), lease, "the exchange refused its API key (code " + e.code() + "): " + e.getMessage());
            }
            else if (bot.isPresent()) {
                // unreachable or failing for now: the next tick goes on from the cursor
                event(bot.get(), BotEventType.ERROR, "The exchange failed: " + e.getMessage(), Map.of("code", e.code()));
                jdbi.useHandle(handle -> handle.attach(BotDao.class).lastError(task.id(), reason(e)));
            }
            jobs.finish(lease, null);
        }
        catch (RuntimeException e) {
            log.warn("Bot {} run failed", task.id(), e);
            jdbi.useHandle(handle -> handle.attach(BotDao.class).lastError(task.id(), reason(e)));
            jobs.fail(lease, reason(e));
        }
    }

    private void run(Lease lease) {
        Optional<Bot> found = jdbi.withExtension(BotDao.class, dao -> dao.findById(lease.id()));
        if (found.isEmpty() || found.get().status() != BotStatus.running) {
            return;
        }
        Bot bot = found.get();
        CandleFeed.View feed = bot.candles(this.feed); // every candle below is read as the bot's owner sees them
        Interval interval = bot.candleInterval();
        BotRisk risk = risk(bot);
        BotRef ref = new BotRef(bot.id(), bot.userId(), bot.accountId(), bot.symbol(), Bot.maxSignalAge(risk),
                bot.isReplay());
        Fence fence = Fence.of(lease.fence(), handle -> jobs.holds(handle, lease));
        Exchange exchange;
        BotExchanges.Replay replay = null;
        try {
            if (bot.isReplay()) {
                replay = exchanges.replay(bot);
                exchange = replay.exchange();
            }
            else {
                exchange = exchanges.live(bot);
            }
        }
        catch (NotFound | AccountExchanges.UnreadableSecrets e) {
            stopItself(bot, lease, "its exchange account cannot be used: " + e.getMessage());
            return;
        }
        Instant now = lifecycle.now();
        if (!bot.isReplay()) {
            try {
                feed.refresh(bot.symbol(), interval, now);
            }
            catch (ExchangeException e) {
                event(bot, BotEventType.ERROR, "Candles not refreshed from the exchange (running on the stored ones): "
                        + e.getMessage(), Map.of("code", e.code()));
            }
        }
        Strategy strategy = catalog.create(bot.strategy(), params(bot));
        Exchange trading = exchange;
        BotSignals signals = new BotSignals(bot.sizing(), risk.maxOrderQuote(), () -> holdings(trading, bot.symbol()));
        PreTradeChecks.Run checks = preTrade.start(bot, risk, trading, () -> holdings(trading, bot.symbol()));
        KlineBar bar = new KlineBar();
        int warmUp = Math.max(0, strategy.warmUp());

        // the candles not processed yet: after the cursor; a new live bot starts with the candle open at its start
        Instant from;
        Instant until;
        if (bot.isReplay()) {
            from = bot.lastCandle() == null ? bot.replayFrom() : interval.next(bot.lastCandle());
            until = bot.replayTo();
        }
        else {
            from = bot.lastCandle() != null ? interval.next(bot.lastCandle())
                    : bot.startedAt().minus(interval.duration()).plusMillis(1);
            until = now;
        }

        // the strategy's state, rebuilt: the candles before the cursor, shown without trading
        List<Kline> history = bot.isReplay()
                ? feed.range(bot.symbol(), interval, bot.replayFrom(), from, Integer.MAX_VALUE)
                : feed.before(bot.symbol(), interval, from, warmUp);
        BotPosition position = orders.position(bot.id());
        int seen = 0;
        for (Kline kline : history) {
            signals.decideOn(kline.close(), position);
            strategy.onBar(bar.show(kline), signals);
            seen++;
        }

        boolean ordersOpen = orders.openOrderCount(bot.id()) > 0;
        if (ordersOpen && !send(lease, bot, ref, fence, exchange)) {
            return; // what an earlier run recorded and did not send (it died first) goes before any new candle
        }
        // a protection the exchange does not rest is the bot's to check on each closed candle
        boolean checksExits = replay == null && !exchange.restsProtection();
        long lastBeat = System.nanoTime();
        Instant pendingCursor = null;
        int sinceCursor = 0;
        Instant start = from;
        while (true) {
            List<Kline> batch = new ArrayList<>(BATCH + 1);
            for (Kline kline : feed.range(bot.symbol(), interval, start, until, BATCH + 1)) {
                // the store holds closed candles only; a replay's range is in the past
                if (bot.isReplay() || kline.closeTime().isBefore(now)) {
                    batch.add(kline);
                }
            }
            boolean more = batch.size() > BATCH;
            int count = more ? BATCH : batch.size();
            for (int i = 0; i < count; i++) {
                Kline kline = batch.get(i);
                Kline next = i + 1 < batch.size() ? batch.get(i + 1) : null;
                if (replay != null) {
                    List<Trade> fills = replay.candleClosed().apply(kline, next);
                    if (!fills.isEmpty()) {
                        orders.ingest(ref, exchange, fills);
                    }
                    if (ordersOpen) {
                        position = orders.position(bot.id());
                    }
                }
                else if (checksExits && ordersOpen && orders.checkExits(ref, exchange, kline)) {
                    if (!send(lease, bot, ref, fence, exchange)) {
                        return;
                    }
                    position = orders.position(bot.id());
                    ordersOpen = orders.openOrderCount(bot.id()) > 0;
                }
                signals.decideOn(kline.close(), position);
                strategy.onBar(bar.show(kline), signals);
                seen++;
                // before the warm-up nothing is traded; a replay's last candle has no next one to fill at (as in a backtest)
                boolean tradable = seen >= warmUp && (replay == null || next != null);
                PreTradeChecks.Verdict verdict = checks.check(kline, position, tradable ? signals.intents() : List.of(),
                        bot.isReplay() ? kline.closeTime() : lifecycle.now());
                List<OrderIntent> intents = verdict.accepted();
                Undefined undefined = tradable ? signals.undefinedRule() : null;
                sinceCursor++;
                if (!intents.isEmpty() || !verdict.refused().isEmpty() || verdict.limit() != null || undefined != null
                        || sinceCursor >= CURSOR_EVERY) {
                    record(lease, bot, ref, kline, intents, verdict.refused(), undefined);
                    pendingCursor = null;
                    sinceCursor = 0;
                }
                else {
                    pendingCursor = kline.openTime();
                }
                if (verdict.limit() != null) {
                    stopForRisk(bot, risk, exchange, lease, verdict.limit());
                    return;
                }
                if (!intents.isEmpty()) {
                    if (!send(lease, bot, ref, fence, exchange)) {
                        return;
                    }
                    position = orders.position(bot.id());
                    ordersOpen = orders.openOrderCount(bot.id()) > 0;
                }
                if (System.nanoTime() - lastBeat > HEARTBEAT_NANOS) {
                    if (!jobs.heartbeat(lease, 0)) {
                        throw new LeaseLost();
                    }
                    lastBeat = System.nanoTime();
                }
            }
            if (!more) {
                break;
            }
            start = batch.get(count).openTime();
        }
        if (pendingCursor != null) {
            Instant cursor = pendingCursor;
            jdbi.useTransaction(handle -> {
                if (!jobs.holds(handle, lease)) {
                    throw new LeaseLost();
                }
                advance(handle, bot, cursor);
            });
        }
        if (bot.isReplay()) {
            // its fills were not told one by one: its account is snapshotted once, as the replay left it
            lifecycle.stop(bot.id(), bot.userId(), BotLifecycle.Stop.byUser(REPLAY_DONE), runId(lease), null, null,
                    handle -> orders.replayEnded(handle, ref));
        }
    }

    /**
     * Sends the bot's recorded orders; false when the exchange refused one, and the bot stopped itself with the
     * reason. An order skipped because there was nothing to do is no refusal, and one the account cannot pay
     * ({@link #INSUFFICIENT_BALANCE}: a DCA out of cash) is an event and its signal is dropped, as a backtest
     * drops it; the bot goes on with its next candle (nothing is sent again).
     */
    private boolean send(Lease lease, Bot bot, BotRef ref, Fence fence, Exchange exchange) {
        List<BotOrder> sent = orders.sendPending(ref, fence, exchange);
        Optional<BotOrder> refused = sent.stream().filter(o -> o.status() == BotOrderStatus.REJECTED && !o.skipped()
                && !Integer.valueOf(INSUFFICIENT_BALANCE).equals(o.rejectCode())).findFirst();
        if (refused.isPresent()) {
            BotOrder order = refused.get();
            stopItself(bot, lease, "the exchange refused order " + order.clientOrderId() + " (code "
                    + order.rejectCode() + "): " + order.rejectMessage());
            return false;
        }
        return true;
    }

    /**
     * In one transaction: the fence, the cursor past this candle, its orders, the decision, the refusals and the
     * event saying the strategy could not decide ({@code undefined}, else null).
     */
    private void record(Lease lease, Bot bot, BotRef ref, Kline kline, List<OrderIntent> intents,
            List<PreTradeChecks.Refusal> refused, Undefined undefined) {
        jdbi.useTransaction(handle -> {
            if (!jobs.holds(handle, lease)) {
                throw new LeaseLost();
            }
            advance(handle, bot, kline.openTime());
            if (!intents.isEmpty()) {
                orders.record(handle, ref, kline.openTime(), intents);
                events.record(handle, bot.id(), bot.userId(), BotEventType.DECISION,
                        "Candle " + kline.openTime() + " closed at " + kline.close().toPlainString() + ": "
                                + intents.stream().map(OrderIntent::reason).toList(),
                        Map.of("candle", kline.openTime().toString(), "close", kline.close().toPlainString(),
                                "intents", intents.size()));
            }
            if (undefined != null) {
                events.record(handle, bot.id(), bot.userId(), BotEventType.UNDEFINED,
                        "Candle " + kline.openTime() + ": " + undefined.message(), undefinedDetails(kline, undefined));
            }
            for (PreTradeChecks.Refusal refusal : refused) {
                OrderIntent intent = refusal.intent();
                events.record(handle, bot.id(), bot.userId(), BotEventType.INTENT_REFUSED, "Candle " + kline.openTime()
                                + ": " + intent.side().name().toLowerCase() + " (" + intent.reason() + ") refused: "
                                + refusal.reason(),
                        Map.of("candle", kline.openTime().toString(), "check", refusal.check(), "reason", refusal.reason(),
                                "side", intent.side().name()));
            }
        });
    }

    private static Map<String, Object> undefinedDetails(Kline kline, Undefined undefined) {
        return Map.of("candle", kline.openTime().toString(), "rule", undefined.rule(), "expression", undefined.expression(),
                "line", undefined.line(), "column", undefined.column(), "reason", undefined.reason());
    }

    /**
     * A loss limit reached: the bot stops (reason risk, which notifies its user and is audited), its open orders
     * are cancelled and, with {@code flattenOnStop}, its position is sold, through the exchange it runs on.
     */
    private void stopForRisk(Bot bot, BotRisk risk, Exchange exchange, Lease lease, PreTradeChecks.LimitReached limit) {
        log.info("Bot {} reached a loss limit: {}", bot.id(), limit.detail());
        if (lifecycle.stop(bot.id(), bot.userId(), BotLifecycle.Stop.risk(limit.detail(), limit.details()),
                runId(lease), null, null)) {
            settlement.settle(bot, risk, exchange, true, risk.flattens());
        }
    }

    private static String runId(Lease lease) {
        return "run-" + lease.id() + "-" + lease.fence();
    }

    private static void advance(org.jdbi.v3.core.Handle handle, Bot bot, Instant openTime) {
        handle.createUpdate("""
                        update bots set last_candle = :openTime
                        where id = :id and status = 'running' and (last_candle is null or last_candle < :openTime)
                        """)
                .bind("id", bot.id())
                .bind("openTime", openTime)
                .execute();
    }

    private void stopItself(Bot bot, Lease lease, String reason) {
        log.warn("Bot {} stops itself: {}", bot.id(), reason);
        lifecycle.stop(bot.id(), bot.userId(), BotLifecycle.Stop.error(reason), runId(lease), null, null);
    }

    private void event(Bot bot, BotEventType type, String message, Map<String, Object> details) {
        jdbi.useTransaction(handle -> events.record(handle, bot.id(), bot.userId(), type, message, details));
    }

    private BotRisk risk(Bot bot) {
        return bot.risk() == null ? BotRisk.DEFAULT : json.readValue(bot.risk(), BotRisk.class).withDefaults();
    }

    private Map<String, Object> params(Bot bot) {
        return json.readValue(bot.params(), new TypeReference<Map<String, Object>>() {
        });
    }

    private static BotSignals.Holdings holdings(Exchange exchange, String symbol) {
        SymbolRules rules = exchange.symbol(symbol).orElseThrow(() -> new ExchangeException(0, 0,
                "The exchange does not list " + symbol + "."));
        BigDecimal quote = BigDecimal.ZERO;
        BigDecimal base = BigDecimal.ZERO;
        for (Balance balance : exchange.account().balances()) {
            if (balance.asset().equals(rules.quoteAsset())) {
                quote = balance.free().add(balance.locked());
            }
            else if (balance.asset().equals(rules.baseAsset())) {
                base = balance.free().add(balance.locked());
            }
        }
        return new BotSignals.Holdings(quote, base);
    }

    /** Binance's answers to a key that does not work (any more): unauthorised, bad key or signature, IP not allowed. */
    static boolean keyRefused(ExchangeException e) {
        return e.httpStatus() == 401 || e.code() == -2014 || e.code() == -2015 || e.code() == -1022 || e.code() == -2008;
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The lease moved to another run: this one stops writing at once. */
    private static final class LeaseLost extends RuntimeException {

        LeaseLost() {
            super(null, null, false, false);
        }
    }
}
