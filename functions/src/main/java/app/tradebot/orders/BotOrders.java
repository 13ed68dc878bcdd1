package app.tradebot.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.OrderFilters;
import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.OrderStatus;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Placement;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Trade;
import app.tradebot.exchange.fill.ExitCheck;
import app.tradebot.exchange.fill.Fill;
import app.tradebot.exchange.fill.FillCosts;
import app.tradebot.exchange.fill.FillModel;
import app.tradebot.exchange.fill.Protection;
import app.tradebot.exchange.fill.RoundTrips;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once order path of the bots. An order is a row (bot_orders) written in the caller's
 * transaction before anything is sent, named by a client order id derived from its signal. A sender
 * claims the row NEW→SENDING in a committed transaction that also checks the caller's lease (the
 * {@link Fence}); only the claimant sends, once; the answer is stored as accepted (with its fills),
 * rejected (never sent again) or unknown. An unknown order is never sent again by anyone: the
 * reconciliation ({@code reconcileOrders}) finds out what became of it.
 */
public class BotOrders {

    /** The intent index of a flatten's sell-all: beyond any strategy's intents of one candle. */
    static final int FLATTEN_INDEX = 1_000_000;
    /** The intent index of the sell-all that closes a triggered protection, keyed by the candle that reached it. */
    static final int EXIT_INDEX = 999_999;
    /**
     * An exit found not placed is always sent again, however late: dropping it would leave the position
     * neither protected nor sold (a stopped bot's cancelled orders are still not sent again).
     */
    static final Duration EXIT_SIGNAL_AGE = Duration.ofMillis(Long.MAX_VALUE);
    /** How a skipped order's reason begins: nothing was sent, and that is no refusal. */
    static final String NOTHING_TO = "nothing to ";
    /** Prices of exits need no fees: a protection's prices and its check read only the rules. */
    private static final FillCosts NO_COSTS = new FillCosts(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    private static final Logger log = LoggerFactory.getLogger(BotOrders.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final BotEvents events;
    private final OrderAudit audit;
    private final ReconcileTrigger trigger;
    private final SendHooks hooks;
    private final FillListener fillListener;

    BotOrders(Jdbi jdbi, Clock clock, BotEvents events, OrderAudit audit, ReconcileTrigger trigger, SendHooks hooks) {
        this(jdbi, clock, events, audit, trigger, hooks, FillListener.NONE);
    }

    BotOrders(Jdbi jdbi, Clock clock, BotEvents events, OrderAudit audit, ReconcileTrigger trigger, SendHooks hooks,
            FillListener fillListener) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
        this.trigger = trigger;
        this.hooks = hooks;
        this.fillListener = fillListener;
    }

    /**
     * In the caller's transaction: one NEW row per intent of the candle, idempotent (recording a candle's
     * intents again changes nothing). Returns the candle's rows.
     */
    public List<BotOrder> record(Handle handle, BotRef bot, Instant candleOpenTime, List<OrderIntent> intents) {
        BotOrderDao dao = handle.attach(BotOrderDao.class);
        Instant now = clock.instant();
        for (int i = 0; i < intents.size(); i++) {
            dao.insert(newRow(bot, candleOpenTime, i, 0, intents.get(i), null, now));
        }
        return dao.ofCandle(bot.botId(), candleOpenTime);
    }

    /**
     * Claims and sends the bot's NEW orders one by one, oldest first. Stops at the first order whose
     * fate is unknown (later orders may depend on it: they wait for the reconciliation), when the fence
     * no longer holds, or when another sender took an order. Returns the orders this call sent.
     */
    public List<BotOrder> sendPending(BotRef bot, Fence fence, Exchange exchange) {
        List<BotOrder> sent = new ArrayList<>();
        for (BotOrder row : dao().withStatus(bot.botId(), BotOrderStatus.NEW)) {
            Optional<BotOrder> result = send(row, fence, exchange, bot.replay());
            if (result.isEmpty()) {
                break;
            }
            sent.add(result.get());
            BotOrderStatus status = result.get().status();
            if (!status.isFinal() && status != BotOrderStatus.OPEN && status != BotOrderStatus.ARMED) {
                break;
            }
        }
        return sent;
    }

    /**
     * Sends one NEW order, or nothing: empty when the bot has an order in doubt, the symbol's filters
     * cannot be read, the fence does not hold or another sender claimed the row first. {@code replay}: the
     * order is a replay's (its fills are not told to the fill listener, {@link #storeFills}).
     */
    Optional<BotOrder> send(BotOrder row, Fence fence, Exchange exchange, boolean replay) {
        BotOrderDao dao = dao();
        if (dao.inDoubt(row.botId())) {
            log.debug("Order {} of bot {} waits: an earlier order's fate is unknown", row.clientOrderId(), row.botId());
            return Optional.empty();
        }
        SymbolRules rules;
        BigDecimal sentQuantity;
        Protection protection = null;
        String skip = null;
        try {
            Optional<SymbolRules> found = exchange.symbol(row.symbol());
            if (found.isEmpty()) {
                rules = null;
                sentQuantity = row.quantity();
                skip = "the exchange does not list " + row.symbol();
            } else {
                rules = found.get();
                Optional<BotOrder> unfilledBuy = row.type() == OrderType.PROTECT ? unfilledBuyBefore(row) : Optional.empty();
                if (row.type() == OrderType.MARKET && row.side() == Side.SELL
                        || row.type() == OrderType.PROTECT && unfilledBuy.isEmpty()) {
                    // a sell, and a new protection, first take the bot's protection away (as in a backtest)
                    unprotect(row.botId(), exchange, replay);
                }
                if (unfilledBuy.isPresent()) {
                    // a backtest keeps the protection it had when the buy carrying new exits is refused
                    sentQuantity = null;
                    skip = NOTHING_TO + "protect: its buy " + unfilledBuy.get().clientOrderId() + " ended "
                            + unfilledBuy.get().status() + " without a fill";
                } else if (row.type() == OrderType.PROTECT) {
                    try {
                        protection = protection(row, rules, exchange);
                        sentQuantity = protection.quantity();
                    } catch (OrderRejected e) {
                        sentQuantity = null;
                        skip = NOTHING_TO + "protect: " + e.getMessage();
                    }
                } else if (row.isSellAll()) {
                    BotPosition position = position(row.botId(), rules, exchange.ticker(row.symbol()).price());
                    sentQuantity = OrderFilters.roundQuantity(rules, position.quantity().max(BigDecimal.ZERO));
                    if (position.flat() || sentQuantity.compareTo(rules.minQty()) < 0 || sentQuantity.signum() <= 0) {
                        skip = NOTHING_TO + "sell: the bot holds " + position.quantity().toPlainString() + " "
                                + rules.baseAsset() + ", below what " + rules.symbol() + " can sell (dust counts as flat)";
                    }
                } else if (row.type() == OrderType.LIMIT && row.side() == Side.SELL) {
                    // a limit sell sells at most the bot's free base (a buy's fee was taken in coins)
                    sentQuantity = OrderFilters.roundQuantity(rules, row.quantity().min(freeBase(row.botId(), rules)));
                } else {
                    sentQuantity = row.quantity() == null ? null : OrderFilters.roundQuantity(rules, row.quantity());
                }
            }
        } catch (ExchangeException e) {
            log.warn("Order {} of bot {} not sent yet: {}", row.clientOrderId(), row.botId(), e.getMessage());
            return Optional.empty();
        }
        Instant now = clock.instant();
        SymbolRules claimedRules = rules;
        BigDecimal quantity = sentQuantity;
        Protection priced = protection;
        Boolean claimed = jdbi.inTransaction(h -> {
            if (!fence.holds(h)) {
                return null;
            }
            BotOrderDao claiming = h.attach(BotOrderDao.class);
            boolean mine = claiming.claim(row.id(), fence.token(), now, quantity,
                    claimedRules == null ? null : claimedRules.baseAsset(), claimedRules == null ? null : claimedRules.quoteAsset(),
                    claimedRules == null ? null : claimedRules.stepSize(), claimedRules == null ? null : claimedRules.minQty(),
                    claimedRules == null ? null : claimedRules.minNotional()) == 1;
            if (mine && priced != null) {
                claiming.priced(row.id(), priced.stopLoss(), priced.takeProfit(), priced.highWater());
            }
            return mine;
        });
        if (claimed == null) {
            log.info("Order {} of bot {} not sent: the bot's lease moved on", row.clientOrderId(), row.botId());
            return Optional.empty();
        }
        if (!claimed) {
            log.info("Order {} of bot {} is being sent by another sender", row.clientOrderId(), row.botId());
            return Optional.empty();
        }
        BotOrder mine = dao.find(row.id()).orElseThrow();
        hooks.claimed(mine);
        if (skip == null && priced != null && !exchange.restsProtection()) {
            return Optional.of(arm(mine, priced));
        }
        Placement placement;
        if (skip != null) {
            placement = new Placement.Rejected(0, 0, skip);
        } else {
            OrderRequest request = priced != null
                    ? OrderRequest.protect(row.symbol(), quantity, priced.stopLoss(), priced.takeProfit(),
                            priced.trailingDelta(), row.clientOrderId())
                    : new OrderRequest(row.symbol(), row.side(), row.type(), row.quoteQuantity() != null ? null
                            : quantity, row.quoteQuantity(), row.price(), row.clientOrderId());
            try {
                placement = exchange.place(request);
            } catch (RuntimeException e) {
                // place answers unknown itself; an implementation that throws may still have sent the order.
                placement = new Placement.Unknown(e.toString());
            }
        }
        hooks.answered(mine, placement);
        BotOrder stored = store(mine, placement, skip != null, replay);
        if (row.type() == OrderType.MARKET && row.side() == Side.BUY && stored.executedQuantity().signum() > 0) {
            // a buy replaces the protection: the one before it goes now; its own, if any, is the next intent
            try {
                unprotect(row.botId(), exchange, replay);
            } catch (ExchangeException e) {
                log.warn("Protection of bot {} not cancelled after buy {}: {}", row.botId(), row.clientOrderId(),
                        e.getMessage());
            }
        }
        return Optional.of(stored);
    }

    // ---- protective exits ----

    /**
     * The protection a PROTECT row asks for now: on all the bot's free base (its fills, less what its resting
     * sells lock), the stop-loss and take-profit priced off the position's average cost as a backtest prices
     * them ({@link FillModel#protection}, {@link RoundTrips#averageCost}), the trailing stop's mark starting at
     * the current price. {@link OrderRejected} when there is nothing (above the filters) to protect.
     */
    private Protection protection(BotOrder row, SymbolRules rules, Exchange exchange) {
        FillModel model = new FillModel(rules, NO_COSTS);
        RoundTrips trips = trips(row.botId(), model);
        BigDecimal average = trips.averageCost();
        if (average == null) {
            throw new OrderRejected(0, 0, "the bot holds no position");
        }
        BigDecimal free = trips.held().subtract(dao().heldBySells(row.botId())).max(BigDecimal.ZERO);
        Protection protection = model.protection(free, free, average, exchange.ticker(row.symbol()).price(),
                fraction(row.stopLoss()), fraction(row.takeProfit()), fraction(row.trailingStop()));
        if (protection == null) {
            throw new OrderRejected(0, 0, "no exit is set");
        }
        return protection;
    }

    /** The buy a PROTECT row follows (the intent before it, its last attempt), when it settled without a fill. */
    private Optional<BotOrder> unfilledBuyBefore(BotOrder protect) {
        return dao().ofCandle(protect.botId(), protect.candleOpenTime()).stream()
                .filter(o -> o.intentIndex() == protect.intentIndex() - 1)
                .reduce((earlier, later) -> later)
                .filter(buy -> buy.side() == Side.BUY && buy.status().isFinal() && buy.executedQuantity().signum() == 0);
    }

    /** The bot's base not locked by its resting sells. */
    private BigDecimal freeBase(UUID botId, SymbolRules rules) {
        return trips(botId, new FillModel(rules, NO_COSTS)).held().subtract(dao().heldBySells(botId)).max(BigDecimal.ZERO);
    }

    /** The bot's fills as the fill model's round trips (a commission in a third asset, e.g. BNB, moves no base). */
    private RoundTrips trips(UUID botId, FillModel model) {
        RoundTrips trips = new RoundTrips(model);
        SymbolRules rules = model.rules();
        for (FillView f : jdbi.withExtension(BotFillDao.class, dao -> dao.ofBot(botId))) {
            boolean inModel = f.commissionAsset().equals(f.side() == Side.BUY ? rules.baseAsset() : rules.quoteAsset());
            trips.add(f.time().toEpochMilli(), new Fill(f.side(), f.price(), f.quantity(), f.quoteQuantity(),
                    inModel ? f.commission() : BigDecimal.ZERO, f.commissionAsset(), f.maker()), null);
        }
        return trips;
    }

    private static double fraction(BigDecimal value) {
        return value == null ? Double.NaN : value.doubleValue();
    }

    /** A protection the exchange does not rest: the bot holds it, and its runner checks it ({@link #checkExits}). */
    private BotOrder arm(BotOrder row, Protection protection) {
        Instant now = clock.instant();
        BotOrder stored = jdbi.inTransaction(h -> {
            BotOrderDao dao = h.attach(BotOrderDao.class);
            dao.arm(row.id(), now);
            events.record(h, row.botId(), row.userId(), BotEventType.EXIT_ARMED, describe(row) + " held by the bot on "
                    + protection.quantity().toPlainString() + " (" + exits(protection) + "): checked on each closed candle, "
                    + "sold at market when reached", details(row, Map.of("quantity", protection.quantity().toPlainString())));
            return dao.find(row.id()).orElseThrow();
        });
        audit.record(row.userId(), OrderAudit.SENT, stored, "armed: held by the bot, nothing sent to the exchange");
        return stored;
    }

    private static String exits(Protection p) {
        List<String> parts = new ArrayList<>();
        if (p.stopLoss() != null) {
            parts.add("stop-loss " + p.stopLoss().toPlainString());
        }
        if (p.takeProfit() != null) {
            parts.add("take-profit " + p.takeProfit().toPlainString());
        }
        if (p.trailingDelta() != null) {
            parts.add("trailing " + p.trailingDelta().toPlainString() + " below " + p.highWater().toPlainString());
        }
        return String.join(", ", parts);
    }

    /**
     * Checks the bot's armed protections against one closed candle of its interval, by the fill model's rule
     * ({@link FillModel#check}: the stop before the take-profit, the trailing mark raised after the check);
     * each candle once, from the candle after the protection's decision on. A protection reached is
     * TRIGGERED and, in the same transaction, a MARKET sell-all is recorded under its own client order id
     * (bot, candle, {@link #EXIT_INDEX}): a candle checked again, or a second runner, finds it triggered and
     * records nothing. Returns whether an exit was recorded (the caller sends it with {@link #sendPending}).
     */
    public boolean checkExits(BotRef bot, Exchange exchange, Kline candle) {
        List<BotOrder> armed = dao().armed(bot.botId());
        if (armed.isEmpty()) {
            return false;
        }
        SymbolRules rules = exchange.symbol(bot.symbol())
                .orElseThrow(() -> new ExchangeException(0, 0, "The exchange does not list " + bot.symbol() + "."));
        FillModel model = new FillModel(rules, NO_COSTS);
        boolean fired = false;
        for (BotOrder row : armed) {
            if (!candle.openTime().isAfter(row.checkedUntil())) {
                continue;
            }
            ExitCheck check = model.check(new Protection(row.sentQuantity(), row.stopPrice(), row.takeProfitPrice(),
                    row.trailingStop(), row.highWater()), candle.open(), candle.high(), candle.low());
            Instant now = clock.instant();
            if (!check.triggered()) {
                BigDecimal highWater = check.protection().highWater();
                jdbi.useExtension(BotOrderDao.class, dao -> dao.checked(row.id(), candle.openTime(), highWater, now));
                continue;
            }
            String reason = check.reason().name().toLowerCase().replace('_', '-');
            BotRef exitOf = new BotRef(bot.botId(), bot.userId(), bot.accountId(), bot.symbol(), EXIT_SIGNAL_AGE, bot.replay());
            BotOrder exit = newRow(exitOf, candle.openTime(), EXIT_INDEX, 0, OrderIntent.sellAll(reason), null, now);
            fired |= jdbi.inTransaction(h -> {
                BotOrderDao dao = h.attach(BotOrderDao.class);
                if (dao.trigger(row.id(), candle.openTime(), row.reason() + " (" + reason + ")", now) == 0) {
                    return false;
                }
                dao.insert(exit);
                events.record(h, row.botId(), row.userId(), BotEventType.EXIT_TRIGGERED, describe(row) + ": the candle of "
                        + candle.openTime() + " (low " + candle.low().toPlainString() + ", high "
                        + candle.high().toPlainString() + ") reached its " + reason + "; sold at market as "
                        + exit.clientOrderId(), details(row, Map.of("exit", reason, "exitClientOrderId", exit.clientOrderId(),
                                "candle", candle.openTime().toString())));
                return true;
            });
        }
        return fired;
    }

    /** Takes the bot's protection away: cancelled on the exchange, or disarmed when the bot holds it. */
    private void unprotect(UUID botId, Exchange exchange, boolean replay) {
        for (BotOrder row : dao().protections(botId)) {
            if (row.status() == BotOrderStatus.ARMED) {
                disarm(row, Fence.none());
            } else {
                cancelOnExchange(row, exchange, replay).ifPresent(o -> audit.record(o.userId(), OrderAudit.CANCELLED, o, outcome(o)));
            }
        }
    }

    /** A protection the bot holds, cancelled (nothing to ask the exchange); empty when it was not armed any more. */
    private Optional<BotOrder> disarm(BotOrder row, Fence fence) {
        Instant now = clock.instant();
        Optional<BotOrder> done = jdbi.inTransaction(h -> {
            if (!fence.holds(h) || h.attach(BotOrderDao.class).disarm(row.id(), now) == 0) {
                return Optional.<BotOrder>empty();
            }
            events.record(h, row.botId(), row.userId(), BotEventType.ORDER_CANCELED, describe(row)
                    + " cancelled (it was held by the bot)", details(row, Map.of()));
            return h.attach(BotOrderDao.class).find(row.id());
        });
        done.ifPresent(o -> audit.record(o.userId(), OrderAudit.CANCELLED, o, "disarmed: it was held by the bot"));
        return done;
    }

    /**
     * Stores the fills a replay's candle made of resting orders (limits, protections), each order's fills
     * once: its state and fills are read from the exchange as the reconciliation reads them. Returns the
     * orders that changed.
     */
    public List<BotOrder> ingest(BotRef bot, Exchange exchange, List<Trade> fills) {
        Set<Long> orderIds = new LinkedHashSet<>();
        for (Trade fill : fills) {
            if (fill.exchangeOrderId() != null && fill.symbol().equals(bot.symbol())) {
                orderIds.add(fill.exchangeOrderId());
            }
        }
        List<BotOrder> changed = new ArrayList<>();
        for (long orderId : orderIds) {
            Optional<BotOrder> row = dao().byExchangeOrderId(bot.accountId(), bot.symbol(), orderId)
                    .filter(r -> r.botId().equals(bot.botId()));
            if (row.isEmpty()) {
                continue;
            }
            Optional<Order> order = exchange.findOrder(bot.symbol(), row.get().clientOrderId());
            if (order.isPresent()) {
                BotOrder stored = adopt(row.get(), order.get(), exchange, BotEventType.ORDER_FILLED, bot.replay());
                if (stored.status() != row.get().status()) {
                    audit.record(stored.userId(), OrderAudit.RESOLVED, stored, outcome(stored));
                    changed.add(stored);
                }
            }
        }
        return changed;
    }

    /** Stores the answer to a send, its fills and its event in one transaction; then audits it. */
    private BotOrder store(BotOrder row, Placement placement, boolean skipped, boolean replay) {
        Instant now = clock.instant();
        BotOrder stored = jdbi.inTransaction(h -> {
            BotOrderDao dao = h.attach(BotOrderDao.class);
            if (placement instanceof Placement.Accepted accepted) {
                    Order order = accepted.order();
                    BotOrderStatus status = statusOf(order.status());
                    dao.exchangeState(row.id(), status, order.exchangeOrderId(), order.status().name(),
                            nz(order.executedQuantity()), nz(order.cumulativeQuoteQuantity()), status.isFinal(), now);
                    storeFills(h, row, accepted.fills(), replay);
                    events.record(h, row.botId(), row.userId(), status == BotOrderStatus.FILLED ? BotEventType.ORDER_FILLED
                            : BotEventType.ORDER_ACCEPTED, describe(row) + " " + status.name().toLowerCase()
                            + " (exchange order " + order.exchangeOrderId() + ", executed "
                            + nz(order.executedQuantity()).toPlainString() + ")", details(row, Map.of(
                                    "exchangeOrderId", order.exchangeOrderId(), "status", order.status().name(),
                                    "executedQuantity", nz(order.executedQuantity()).toPlainString())));
            } else if (placement instanceof Placement.Rejected rejected) {
                    dao.rejected(row.id(), rejected.code(), rejected.message(), now);
                    events.record(h, row.botId(), row.userId(), skipped ? BotEventType.ORDER_SKIPPED : BotEventType.ORDER_REJECTED,
                            skipped ? describe(row) + " not sent: " + rejected.message()
                                    : describe(row) + " refused by the exchange (" + rejected.code() + "): " + rejected.message(),
                            details(row, Map.of("code", rejected.code(), "message", rejected.message(),
                                    "httpStatus", rejected.httpStatus())));
            } else if (placement instanceof Placement.Unknown unknown) {
                    dao.unknown(row.id(), unknown.reason(), now);
                    events.record(h, row.botId(), row.userId(), BotEventType.ORDER_UNKNOWN, describe(row)
                            + " sent without a usable answer (" + unknown.reason() + "): it is looked up, never sent again "
                            + "under this id", details(row, Map.of("reason", unknown.reason())));
            }
            return dao.find(row.id()).orElseThrow();
        });
        audit.record(row.userId(), OrderAudit.SENT, stored, outcome(stored));
        if (stored.status() == BotOrderStatus.UNKNOWN) {
            try {
                trigger.reconcileSoon(row.accountId());
            } catch (RuntimeException e) {
                log.warn("Reconciliation of account {} not triggered ({}): the next minute's run resolves order {}",
                        row.accountId(), e.getMessage(), row.clientOrderId());
            }
        }
        return stored;
    }

    /**
     * Stores fills of one of the bot's orders; a fill stored already is skipped. New fills are told to the
     * fill listener in the same transaction, unless they are a replay's ({@code replay}): those were made at
     * the replay's candles, and the account holds what the replay bought at their prices until it ends; they
     * are told once, when it ends ({@link #replayEnded}).
     */
    int storeFills(Handle h, BotOrder row, List<Trade> fills, boolean replay) {
        BotFillDao dao = h.attach(BotFillDao.class);
        int stored = 0;
        for (Trade fill : fills) {
            stored += dao.insert(row.accountId(), row.botId(), row.id(), fill,
                    fill.time() != null ? fill.time() : row.updatedAt());
        }
        if (stored > 0 && !replay) {
            fillListener.filled(h, row.accountId());
        }
        return stored;
    }

    /**
     * A replay ran to the end of its range, in the transaction that stops it: its fills, not told one by one
     * ({@link #storeFills}), are told once, now that its account holds what the replay left it.
     */
    public void replayEnded(Handle h, BotRef bot) {
        fillListener.filled(h, bot.accountId());
    }

    /**
     * Cancels the bot's orders that are not sent yet (they never will be) and its open orders on the
     * exchange. Orders whose fate is unknown are left to the reconciliation. Returns the orders cancelled.
     */
    public List<BotOrder> cancelOpen(BotRef bot, Fence fence, Exchange exchange) {
        List<BotOrder> cancelled = new ArrayList<>();
        for (BotOrder row : dao().withStatus(bot.botId(), BotOrderStatus.NEW)) {
            Instant now = clock.instant();
            Optional<BotOrder> done = jdbi.inTransaction(h -> {
                if (!fence.holds(h) || h.attach(BotOrderDao.class).cancelUnsent(row.id(), now) == 0) {
                    return Optional.<BotOrder>empty();
                }
                events.record(h, row.botId(), row.userId(), BotEventType.ORDER_CANCELED, describe(row)
                        + " cancelled before it was sent", details(row, Map.of()));
                return h.attach(BotOrderDao.class).find(row.id());
            });
            done.ifPresent(o -> {
                cancelled.add(o);
                audit.record(o.userId(), OrderAudit.CANCELLED, o, "cancelled before it was sent");
            });
        }
        // An order in doubt cannot be cancelled before the reconciliation finds it; if it was never placed,
        // its signal is dropped rather than sent again for a bot whose orders were cancelled.
        jdbi.useTransaction(h -> {
            for (BotOrder row : h.attach(BotOrderDao.class).inDoubtOf(bot.botId())) {
                if (h.attach(BotOrderDao.class).noResend(row.id(), clock.instant()) > 0) {
                    events.record(h, row.botId(), row.userId(), BotEventType.ORDER_UNKNOWN, describe(row)
                            + " is in doubt: the reconciliation settles it, and it will not be sent again if never placed",
                            details(row, Map.of()));
                }
            }
        });
        for (BotOrder row : dao().withStatus(bot.botId(), BotOrderStatus.ARMED)) {
            disarm(row, fence).ifPresent(cancelled::add);
        }
        for (BotOrder row : dao().withStatus(bot.botId(), BotOrderStatus.OPEN)) {
            cancelOnExchange(row, exchange, bot.replay()).ifPresent(stored -> {
                cancelled.add(stored);
                audit.record(stored.userId(), OrderAudit.CANCELLED, stored, outcome(stored));
            });
        }
        return cancelled;
    }

    /**
     * Cancels one open order on the exchange and stores its final state; an order filled or closed meanwhile
     * (-2011) is stored as it ended. Empty (and an error event) when it could not be cancelled.
     */
    private Optional<BotOrder> cancelOnExchange(BotOrder row, Exchange exchange, boolean replay) {
        Order order;
        try {
            order = exchange.cancelOrder(row.symbol(), row.clientOrderId());
        } catch (ExchangeException e) {
            try {
                order = exchange.findOrder(row.symbol(), row.clientOrderId()).orElse(null);
            } catch (ExchangeException again) {
                order = null;
            }
            if (order == null || !order.status().isFinal()) {
                jdbi.useTransaction(h -> events.record(h, row.botId(), row.userId(), BotEventType.ERROR,
                        describe(row) + " could not be cancelled: " + e.getMessage(),
                        details(row, Map.of("code", e.code()))));
                return Optional.empty();
            }
        }
        return Optional.of(adopt(row, order, exchange, BotEventType.ORDER_CANCELED, replay));
    }

    /**
     * Sells the bot's whole position at market through the same path: a sell-all order decided at
     * {@code decidedAt}, sent at once. Nothing is sent when the position is dust. Returns the orders sent.
     */
    public List<BotOrder> flatten(BotRef bot, Fence fence, Exchange exchange, Instant decidedAt) {
        jdbi.useTransaction(h -> h.attach(BotOrderDao.class).insert(newRow(bot, decidedAt, FLATTEN_INDEX, 0,
                OrderIntent.sellAll("flatten"), null, clock.instant())));
        return sendPending(bot, fence, exchange);
    }

    /**
     * Stores the exchange's state of one of our orders (found by the reconciliation, answered to a
     * cancel) and its fills, read by its exchange order id ({@code replay}: a replay's, {@link #storeFills}).
     */
    BotOrder adopt(BotOrder row, Order order, Exchange exchange, BotEventType type, boolean replay) {
        BotOrderStatus status = statusOf(order.status());
        List<Trade> fills = nz(order.executedQuantity()).signum() > 0 && order.exchangeOrderId() != null
                ? exchange.orderTrades(row.symbol(), order.exchangeOrderId()) : List.of();
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            BotOrderDao dao = h.attach(BotOrderDao.class);
            int changed = dao.exchangeState(row.id(), status, order.exchangeOrderId(), order.status().name(),
                    nz(order.executedQuantity()), nz(order.cumulativeQuoteQuantity()), status.isFinal(), now);
            int newFills = storeFills(h, row, fills, replay);
            if (changed > 0 && (row.status() != status || newFills > 0 || type != BotEventType.ORDER_FILLED)) {
                events.record(h, row.botId(), row.userId(), type, describe(row) + " " + status.name().toLowerCase()
                        + " (exchange order " + order.exchangeOrderId() + ", executed "
                        + nz(order.executedQuantity()).toPlainString() + ")", details(row, Map.of(
                                "exchangeOrderId", order.exchangeOrderId(), "status", order.status().name(),
                                "executedQuantity", nz(order.executedQuantity()).toPlainString())));
            }
            return dao.find(row.id()).orElseThrow();
        });
    }

    /** What the bot holds, from its fills, with dust judged by the filters of its latest order. */
    public BotPosition position(UUID botId) {
        return fromFills(jdbi.withExtension(BotFillDao.class, dao -> dao.ofBot(botId)), storedRules(botId), null);
    }

    /** What the bot held just before {@code at}: its fills before then, dust judged as {@link #position(UUID)} does. */
    public BotPosition positionBefore(UUID botId, Instant at) {
        return fromFills(jdbi.withExtension(BotFillDao.class, dao -> dao.ofBotBefore(botId, at)), storedRules(botId), null);
    }

    /** The quote the bot's unsettled buys may still spend (market buys by amount, limit buys at their price). */
    public BigDecimal openBuyQuote(UUID botId) {
        return OrderFilters.plain(dao().openBuyQuote(botId));
    }

    /** When the bot's latest stop-loss exit filled: a sell at or below the stop of the position it closed. */
    public Optional<Instant> lastStopLossExit(UUID botId) {
        return dao().lastStopLossExit(botId);
    }

    private SymbolRules storedRules(UUID botId) {
        BotOrder rulesOf = dao().latestWithRules(botId).orElse(null);
        return rulesOf == null ? null : new SymbolRules(rulesOf.symbol(), rulesOf.baseAsset(), rulesOf.quoteAsset(),
                "TRADING", BigDecimal.ZERO, rulesOf.stepSize(), rulesOf.minQty(), BigDecimal.ZERO, rulesOf.minNotional());
    }

    /**
     * Average cost: a buy adds its quantity (less a commission in the base asset) at its quote cost (plus
     * a commission in the quote asset); a sell realises proceeds (less commissions) against the average
     * cost of what it sold. {@code price} values the remainder for the minimum notional (null: the
     * average entry price).
     */
    BotPosition position(UUID botId, SymbolRules rules, BigDecimal price) {
        return fromFills(jdbi.withExtension(BotFillDao.class, dao -> dao.ofBot(botId)), rules, price);
    }

    private static BotPosition fromFills(List<FillView> fills, SymbolRules rules, BigDecimal price) {
        if (fills.isEmpty()) {
            return BotPosition.NONE;
        }
        String base = rules != null ? rules.baseAsset() : null;
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal realised = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (FillView f : fills) {
            boolean feeInBase = base != null ? f.commissionAsset().equals(base)
                    : f.symbol().startsWith(f.commissionAsset()) && !f.symbol().equals(f.commissionAsset());
            BigDecimal feeInQuote = feeInBase ? f.commission().multiply(f.price()) : f.commission();
            fees = fees.add(feeInQuote);
            if (f.side() == Side.BUY) {
                quantity = quantity.add(f.quantity()).subtract(feeInBase ? f.commission() : BigDecimal.ZERO);
                cost = cost.add(f.quoteQuantity()).add(feeInBase ? BigDecimal.ZERO : f.commission());
            } else {
                BigDecimal sold = f.quantity().add(feeInBase ? f.commission() : BigDecimal.ZERO).min(quantity.max(BigDecimal.ZERO));
                BigDecimal soldCost = quantity.signum() > 0
                        ? cost.multiply(sold).divide(quantity, 18, RoundingMode.HALF_EVEN) : BigDecimal.ZERO;
                realised = realised.add(f.quoteQuantity().subtract(feeInBase ? BigDecimal.ZERO : f.commission())
                        .subtract(soldCost));
                quantity = quantity.subtract(f.quantity()).subtract(feeInBase ? f.commission() : BigDecimal.ZERO);
                cost = cost.subtract(soldCost);
            }
        }
        BigDecimal average = quantity.signum() > 0 ? cost.divide(quantity, 18, RoundingMode.HALF_EVEN) : null;
        boolean flat = quantity.signum() <= 0;
        if (!flat && rules != null) {
            BigDecimal valueAt = price != null ? price : average;
            flat = quantity.compareTo(rules.minQty()) < 0
                    || (valueAt != null && quantity.multiply(valueAt).compareTo(rules.minNotional()) < 0);
        }
        return new BotPosition(OrderFilters.plain(quantity), average == null ? null : OrderFilters.plain(average),
                OrderFilters.plain(realised), OrderFilters.plain(fees), flat);
    }

    /** The fills of the account's bots stored after the one numbered {@code afterSeq}, in the order they were stored. */
    public List<FillView> accountFills(UUID accountId, long afterSeq) {
        return jdbi.withExtension(BotFillDao.class, dao -> dao.ofAccountAfter(accountId, afterSeq));
    }

    /** The number ({@link FillView#seq}) of the account's latest stored fill; 0 without any. */
    public long lastFillSeq(UUID accountId) {
        return jdbi.withExtension(BotFillDao.class, dao -> dao.lastSeqOfAccount(accountId));
    }

    /** Orders not settled yet: not sent, being sent, unknown or working on the exchange. */
    public int openOrderCount(UUID botId) {
        return dao().openCount(botId);
    }

    /** The bot has an order whose fate on the exchange is not settled. */
    public boolean unresolved(UUID botId) {
        return dao().anyUnresolvedOfBot(botId);
    }

    /** Some bot has an order on this exchange account whose fate is not settled: its keys must not change. */
    public boolean unresolvedOnAccount(UUID accountId) {
        return dao().anyUnresolvedOnAccount(accountId);
    }

    public Page<BotOrderView> orders(UUID botId, String cursor, int limit) {
        List<BotOrder> rows = dao().page(botId, Cursors.after(cursor), limit + 1);
        List<BotOrder> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(BotOrderView::of).toList(),
                rows.size() > limit ? Long.toString(shown.get(shown.size() - 1).seq()) : null);
    }

    public Page<FillView> fills(UUID botId, String cursor, int limit) {
        List<FillView> rows = jdbi.withExtension(BotFillDao.class, dao -> dao.page(botId, Cursors.after(cursor), limit + 1));
        List<FillView> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        return new Page<>(shown, rows.size() > limit ? Long.toString(shown.get(shown.size() - 1).seq()) : null);
    }

    // ---- shared with the reconciliation ----

    BotOrderDao dao() {
        return jdbi.onDemand(BotOrderDao.class);
    }

    static BotOrder newRow(BotRef bot, Instant candleOpenTime, int index, int attempt, OrderIntent intent, UUID replaces,
            Instant decidedAt) {
        return new BotOrder(UUID.randomUUID(), bot.botId(), bot.userId(), bot.accountId(), bot.symbol(), candleOpenTime, index,
                attempt, ClientOrderIds.of(bot.botId(), candleOpenTime, index, attempt), intent.side(), intent.type(),
                intent.quantity(), intent.quoteQuantity(), intent.price(), null, null, intent.trailingStop(), intent.reason(),
                BotOrderStatus.NEW, null, null, null, null, BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, 0, replaces,
                bot.maxSignalAge().toMillis(), null, null, null, null, null, decidedAt, null, null, null, decidedAt, 0,
                intent.stopLoss(), intent.takeProfit(), null, null);
    }

    /** The same signal, sent again under the next attempt's client order id. */
    static BotOrder resendOf(BotOrder old) {
        BotRef bot = new BotRef(old.botId(), old.userId(), old.accountId(), old.symbol(), old.maxSignalAge());
        OrderIntent intent = new OrderIntent(old.side(), old.type(), old.quantity(), old.quoteQuantity(), old.price(),
                old.stopLoss(), old.takeProfit(), old.trailingStop(), old.reason());
        return newRow(bot, old.candleOpenTime(), old.intentIndex(), old.attempt() + 1, intent, old.id(), old.decidedAt());
    }

    static BotOrderStatus statusOf(OrderStatus status) {
        return switch (status) {
            case FILLED -> BotOrderStatus.FILLED;
            case CANCELED -> BotOrderStatus.CANCELED;
            case EXPIRED, EXPIRED_IN_MATCH -> BotOrderStatus.EXPIRED;
            case REJECTED -> BotOrderStatus.REJECTED;
            case NEW, PENDING_NEW, PARTIALLY_FILLED, PENDING_CANCEL, UNKNOWN -> BotOrderStatus.OPEN;
        };
    }

    static String describe(BotOrder row) {
        String amount = row.isSellAll() ? "all" : row.quoteQuantity() != null ? "for " + row.quoteQuantity().toPlainString()
                : row.quantity() != null ? row.quantity().toPlainString()
                : row.sentQuantity() != null ? row.sentQuantity().toPlainString() : "the free base of";
        return row.type() + " " + row.side().name().toLowerCase() + " " + amount + " " + row.symbol()
                + (row.type() == OrderType.LIMIT ? " at " + row.price().toPlainString() : "")
                + (row.type() == OrderType.PROTECT ? " exits" + fractions(row) : "") + " [" + row.clientOrderId()
                + "]";
    }

    private static String fractions(BotOrder row) {
        return (row.stopLoss() == null ? "" : " stop-loss " + row.stopLoss().stripTrailingZeros().toPlainString())
                + (row.takeProfit() == null ? "" : " take-profit " + row.takeProfit().stripTrailingZeros().toPlainString())
                + (row.trailingStop() == null ? "" : " trailing " + row.trailingStop().stripTrailingZeros().toPlainString());
    }

    static Map<String, Object> details(BotOrder row, Map<String, Object> more) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("orderId", row.id().toString());
        details.put("clientOrderId", row.clientOrderId());
        details.put("attempt", row.attempt());
        details.put("symbol", row.symbol());
        details.put("side", row.side().name());
        details.putAll(more);
        return details;
    }

    static String outcome(BotOrder row) {
        return switch (row.status()) {
            case REJECTED -> "rejected (" + row.rejectCode() + "): " + row.rejectMessage();
            case UNKNOWN -> "unknown: " + row.unknownReason();
            default -> row.status().name().toLowerCase() + (row.exchangeOrderId() == null ? ""
                    : " as exchange order " + row.exchangeOrderId());
        };
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
