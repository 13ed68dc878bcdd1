package app.tradebot.exchange.paper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import app.tradebot.exchange.AccountSnapshot;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.MarketDataExchange;
import app.tradebot.exchange.Order;
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
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A paper account: simulated fills by the one {@link FillModel}, balances in the ledger. A live paper
 * account takes the latest price as a MARKET order's reference and sweeps its resting orders (LIMIT and
 * PROTECT) against the closed one-minute candles that opened after them, whenever the account or an order
 * is read and whenever {@link PaperExchanges#sweep} is called (the order path's reconciliation does, every
 * minute). Resting orders reserve what they may spend (the ledger's LOCK entries). A client order id
 * already used answers the order it named, with its fills: nothing is placed twice.
 */
class PaperExchange extends MarketDataExchange {

    private static final Logger LOG = LoggerFactory.getLogger(PaperExchange.class);
    /** Binance's rule for newClientOrderId. */
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");

    final UUID accountId;
    final MarketData market;
    final Jdbi jdbi;
    final FillCosts costs;
    final Clock clock;

    PaperExchange(UUID accountId, MarketData market, Jdbi jdbi, FillCosts costs, Clock clock) {
        super(market);
        this.accountId = accountId;
        this.market = market;
        this.jdbi = jdbi;
        this.costs = costs;
        this.clock = clock;
    }

    // ---- what a live account and a replay do differently ----

    Instant now() {
        return clock.instant();
    }

    /** The price a MARKET order placed now fills against (before slippage). */
    BigDecimal reference(SymbolRules rules) {
        return market.ticker(rules.symbol()).price();
    }

    Optional<SymbolRules> rules(String symbol) {
        return market.symbol(symbol);
    }

    /** Whether pricing an order asks the market (which may fail) rather than reading a replayed candle. */
    boolean pricedRemotely() {
        return true;
    }

    /** Brings resting orders up to date before the account is read. */
    void catchUp(String symbol) {
        sweep(symbol);
    }

    /** A resting order was placed. */
    void rested(PaperOrderRow order) {
    }

    /** An order stopped resting (filled or cancelled). */
    void ended(PaperOrderRow order) {
    }

    // ---- the account ----

    @Override
    public AccountSnapshot account() {
        catchUp(null);
        List<Balance> balances = jdbi.withExtension(PaperDao.class, dao -> {
            requireOpen(dao);
            return dao.balances(accountId);
        }).stream()
                .filter(b -> b.free().signum() != 0 || b.locked().signum() != 0)
                .map(b -> new Balance(b.asset(), OrderFilters.plain(b.free()), OrderFilters.plain(b.locked())))
                .toList();
        return new AccountSnapshot(true, false, balances);
    }

    @Override
    public boolean restsProtection() {
        return true;
    }

    @Override
    public KeyPermissions permissions() {
        return new KeyPermissions(true, true, false);
    }

    @Override
    public Order placeOrder(OrderRequest request) {
        Placement placement = place(request);
        if (placement instanceof Placement.Accepted accepted) {
            return accepted.order();
        }
        if (placement instanceof Placement.Rejected rejected) {
            throw new OrderRejected(rejected.httpStatus(), rejected.code(), rejected.message());
        }
        throw new ExchangeException(0, 0, ((Placement.Unknown) placement).reason());
    }

    @Override
    public Placement place(OrderRequest request) {
        try {
            if (request.clientOrderId() == null || !CLIENT_ORDER_ID.matcher(request.clientOrderId()).matches()) {
                throw new OrderRejected(400, OrderFilters.ILLEGAL_CLIENT_ORDER_ID, "Illegal client order id '"
                        + request.clientOrderId() + "': 1 to 36 characters of letters, digits and . : / _ -");
            }
            if (pricedRemotely()) {
                // a client order id already used answers its order without asking for a price
                Optional<Placement> existing = jdbi.withExtension(PaperDao.class, dao -> dao.find(accountId,
                        request.clientOrderId()).map(row -> accepted(dao, row)));
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            if (request.symbol() == null || request.side() == null || request.type() == null) {
                throw new OrderRejected(400, -1102, "An order needs a symbol, a side and a type");
            }
            SymbolRules rules = rules(request.symbol())
                    .orElseThrow(() -> new OrderRejected(400, -1121, "Invalid symbol: " + request.symbol()));
            if (!rules.trading()) {
                throw new OrderRejected(400, -1013, rules.symbol() + " is not trading (status " + rules.status() + ")");
            }
            BigDecimal reference = reference(rules);
            FillModel model = new FillModel(rules, costs);
            return jdbi.inTransaction(handle -> {
                PaperDao dao = handle.attach(PaperDao.class);
                requireOpen(dao);
                Optional<PaperOrderRow> again = dao.find(accountId, request.clientOrderId());
                if (again.isPresent()) {
                    return accepted(dao, again.get());
                }
                return switch (request.type()) {
                    case MARKET -> market(dao, model, request, reference);
                    case LIMIT -> limit(dao, model, request, reference);
                    case PROTECT -> protect(dao, model, request, reference);
                    default -> throw new OrderRejected(400, -1116, "Invalid orderType: a paper account takes MARKET,"
                            + " LIMIT and PROTECT orders");
                };
            });
        }
        catch (OrderRejected e) {
            return new Placement.Rejected(e.httpStatus(), e.code(), e.getMessage());
        }
        catch (ExchangeException e) {
            // the price could not be read: nothing was stored, the order does not exist
            return new Placement.Unknown(e.getMessage());
        }
    }

    private Placement accepted(PaperDao dao, PaperOrderRow row) {
        return new Placement.Accepted(row.toOrder(), plainAll(dao.orderTrades(accountId, row.symbol(), row.orderId())));
    }

    private Placement market(PaperDao dao, FillModel model, OrderRequest request, BigDecimal reference) {
        SymbolRules rules = model.rules();
        Fill fill = model.market(request, reference, dao.free(accountId, rules.baseAsset()),
                dao.free(accountId, rules.quoteAsset()));
        Instant now = now();
        PaperOrderRow row = insert(dao, request, rules, OrderType.MARKET, OrderStatus.FILLED, null, fill.quantity(),
                fill.quantity(), fill.quoteQuantity(), now, null);
        return new Placement.Accepted(row.toOrder(), List.of(settle(dao, model, row, fill, false, now)));
    }

    private Placement limit(PaperDao dao, FillModel model, OrderRequest request, BigDecimal reference) {
        SymbolRules rules = model.rules();
        OrderRequest order = model.limit(request, reference, dao.free(accountId, rules.baseAsset()),
                dao.free(accountId, rules.quoteAsset()), dao.openCount(accountId, rules.symbol()));
        Instant now = now();
        if (model.marketable(order.side(), order.price(), reference)) {
            Fill fill = model.takeLimit(order, reference);
            PaperOrderRow row = insert(dao, order, rules, OrderType.LIMIT, OrderStatus.FILLED, order.price(),
                    order.quantity(), order.quantity(), fill.quoteQuantity(), now, null);
            return new Placement.Accepted(row.toOrder(), List.of(settle(dao, model, row, fill, false, now)));
        }
        PaperOrderRow row = insert(dao, order, rules, OrderType.LIMIT, OrderStatus.NEW, order.price(), order.quantity(),
                BigDecimal.ZERO, BigDecimal.ZERO, now, null);
        lock(dao, rules, row, now);
        return new Placement.Accepted(row.toOrder(), List.of());
    }

    private Placement protect(PaperDao dao, FillModel model, OrderRequest request, BigDecimal reference) {
        SymbolRules rules = model.rules();
        if (request.side() != Side.SELL || request.quantity() == null) {
            throw new OrderRejected(400, -1102, "A PROTECT order sells a quantity of a long position");
        }
        Protection requested;
        try {
            requested = new Protection(request.quantity(),
                    request.stopPrice() == null ? null : OrderFilters.roundPrice(rules, request.stopPrice(), Side.BUY),
                    request.takeProfitPrice() == null ? null
                            : OrderFilters.roundPrice(rules, request.takeProfitPrice(), Side.SELL),
                    request.trailingDelta(), request.trailingDelta() == null ? null : reference);
        }
        catch (IllegalArgumentException e) {
            throw new OrderRejected(400, -1102, "A PROTECT order: " + e.getMessage());
        }
        Protection protection = model.protect(requested, dao.free(accountId, rules.baseAsset()));
        OrderFilters.checkOpenOrders(rules, dao.openCount(accountId, rules.symbol()));
        Instant now = now();
        PaperOrderRow row = insert(dao, request, rules, OrderType.PROTECT, OrderStatus.NEW, null, protection.quantity(),
                BigDecimal.ZERO, BigDecimal.ZERO, now, protection);
        lock(dao, rules, row, now);
        return new Placement.Accepted(row.toOrder(), List.of());
    }

    private PaperOrderRow insert(PaperDao dao, OrderRequest request, SymbolRules rules, OrderType type,
            OrderStatus status, BigDecimal price, BigDecimal quantity, BigDecimal executed, BigDecimal quote, Instant at,
            Protection protection) {
        return dao.insert(accountId, request.clientOrderId(), rules.symbol(), request.side().name(), type.name(),
                status.name(), price, quantity, executed, quote, at, protection == null ? null : protection.stopLoss(),
                protection == null ? null : protection.takeProfit(), protection == null ? null : protection.trailingDelta(),
                protection == null ? null : protection.highWater()).orElseThrow(PaperExchange::duplicate);
    }

    private void lock(PaperDao dao, SymbolRules rules, PaperOrderRow row, Instant at) {
        BigDecimal amount = row.reserved();
        dao.entry(accountId, row.side() == Side.BUY ? rules.quoteAsset() : rules.baseAsset(), amount.negate(), amount,
                "LOCK", row.clientOrderId(), at);
        rested(row);
    }

    /** Under the account lock a taken id is found before inserting; the primary key is the last word anyway. */
    private static ExchangeException duplicate() {
        return new ExchangeException(409, -2010, "Duplicate order sent.");
    }

    /** Moves the money of a fill: the spent asset out (of locked for a resting order), the received one in, less the fee. */
    Trade settle(PaperDao dao, FillModel model, PaperOrderRow order, Fill fill, boolean fromLocked, Instant at) {
        SymbolRules rules = model.rules();
        boolean buy = fill.side() == Side.BUY;
        String spentAsset = buy ? rules.quoteAsset() : rules.baseAsset();
        BigDecimal spent = buy ? fill.quoteQuantity() : fill.quantity();
        String receivedAsset = buy ? rules.baseAsset() : rules.quoteAsset();
        BigDecimal received = buy ? fill.quantity() : fill.quoteQuantity();
        if (fromLocked) {
            dao.entry(accountId, spentAsset, BigDecimal.ZERO, spent.negate(), "TRADE", order.clientOrderId(), at);
        }
        else {
            dao.entry(accountId, spentAsset, spent.negate(), BigDecimal.ZERO, "TRADE", order.clientOrderId(), at);
        }
        dao.entry(accountId, receivedAsset, received, BigDecimal.ZERO, "TRADE", order.clientOrderId(), at);
        if (fill.commission().signum() > 0) {
            dao.entry(accountId, fill.commissionAsset(), fill.commission().negate(), BigDecimal.ZERO, "FEE",
                    order.clientOrderId(), at);
        }
        return plain(dao.trade(accountId, order.clientOrderId(), order.orderId(), order.symbol(), fill.side().name(),
                fill.price(), fill.quantity(), fill.quoteQuantity(), fill.commission(), fill.commissionAsset(), fill.maker(),
                at));
    }

    void requireOpen(PaperDao dao) {
        if (dao.lock(accountId).isEmpty()) {
            throw new ExchangeException(404, 0, "No paper account " + accountId + ": it was never opened");
        }
    }

    // ---- look-ups ----

    @Override
    public Optional<Order> findOrder(String symbol, String clientOrderId) {
        catchUp(symbol);
        return jdbi.withExtension(PaperDao.class, dao -> dao.find(accountId, clientOrderId))
                .filter(row -> row.symbol().equals(symbol))
                .map(PaperOrderRow::toOrder);
    }

    @Override
    public Order cancelOrder(String symbol, String clientOrderId) {
        catchUp(symbol);
        return jdbi.inTransaction(handle -> {
            PaperDao dao = handle.attach(PaperDao.class);
            requireOpen(dao);
            PaperOrderRow order = dao.find(accountId, clientOrderId).filter(row -> row.symbol().equals(symbol))
                    .orElseThrow(() -> new OrderRejected(400, -2011, "Unknown order sent."));
            Instant now = now();
            PaperOrderRow canceled = dao.close(accountId, clientOrderId, OrderStatus.CANCELED.name(), order.executedQuantity(),
                    order.cumulativeQuoteQuantity(), now).orElseThrow(() -> new OrderRejected(400, -2011, "Unknown order sent."));
            SymbolRules rules = rules(symbol).orElseThrow(() -> new ExchangeException(400, -1121, "Invalid symbol: " + symbol));
            BigDecimal amount = order.reserved();
            dao.entry(accountId, order.side() == Side.BUY ? rules.quoteAsset() : rules.baseAsset(), amount, amount.negate(),
                    "UNLOCK", clientOrderId, now);
            ended(order);
            return canceled.toOrder();
        });
    }

    @Override
    public List<Order> openOrders(String symbol) {
        catchUp(symbol);
        return jdbi.withExtension(PaperDao.class, dao -> dao.open(accountId, symbol)).stream().map(PaperOrderRow::toOrder).toList();
    }

    @Override
    public List<Trade> myTrades(String symbol, Instant from, int limit) {
        checkLimit(limit);
        return plainAll(jdbi.withExtension(PaperDao.class, dao -> from == null ? dao.recentTrades(accountId, symbol, limit)
                : dao.tradesFrom(accountId, symbol, from, limit)));
    }

    /** An order id the account never had answers no fills (Binance answers an empty list too). */
    @Override
    public List<Trade> orderTrades(String symbol, long exchangeOrderId) {
        catchUp(symbol);
        return plainAll(jdbi.withExtension(PaperDao.class, dao -> dao.orderTrades(accountId, symbol, exchangeOrderId)));
    }

    @Override
    public List<Trade> tradesFrom(String symbol, long fromTradeId, int limit) {
        checkLimit(limit);
        catchUp(symbol);
        return plainAll(jdbi.withExtension(PaperDao.class, dao -> dao.tradesFromId(accountId, symbol, fromTradeId, limit)));
    }

    @Override
    public List<Order> ordersFrom(String symbol, Instant from, int limit) {
        checkLimit(limit);
        catchUp(symbol);
        return jdbi.withExtension(PaperDao.class, dao -> dao.ordersFrom(accountId, symbol, from, limit)).stream()
                .map(PaperOrderRow::toOrder).toList();
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, not " + limit);
        }
    }

    private static List<Trade> plainAll(List<Trade> trades) {
        return trades.stream().map(PaperExchange::plain).toList();
    }

    private static Trade plain(Trade t) {
        return new Trade(t.symbol(), t.id(), t.exchangeOrderId(), t.side(), OrderFilters.plain(t.price()),
                OrderFilters.plain(t.quantity()), OrderFilters.plain(t.quoteQuantity()), OrderFilters.plain(t.commission()),
                t.commissionAsset(), t.maker(), t.time());
    }

    // ---- the live sweep ----

    /**
     * Checks resting LIMIT and PROTECT orders against the one-minute candles that opened after each was
     * placed (or last checked), by the fill model's rules: the candle in progress may fill an order, only
     * closed candles raise a trailing stop's high-water mark and are not looked at again. Without candles the orders stay as they
     * were: still true, only not yet brought up to date.
     */
    void sweep(String symbol) {
        try {
            sweepCandles(symbol);
        }
        catch (ExchangeException e) {
            LOG.warn("Paper account {}: resting orders not compared with new candles: {}", accountId, e.getMessage());
        }
    }

    private void sweepCandles(String symbol) {
        List<PaperOrderRow> open = jdbi.withExtension(PaperDao.class, dao -> dao.open(accountId, symbol));
        Map<String, List<PaperOrderRow>> bySymbol = new LinkedHashMap<>();
        open.forEach(order -> bySymbol.computeIfAbsent(order.symbol(), s -> new ArrayList<>()).add(order));
        Instant now = now();
        bySymbol.forEach((sym, orders) -> {
            Optional<SymbolRules> rules = rules(sym);
            if (rules.isEmpty()) {
                return;
            }
            FillModel model = new FillModel(rules.get(), costs);
            Instant from = orders.stream().map(PaperOrderRow::checkedUntil).min(Instant::compareTo).orElseThrow();
            List<Kline> candles = market.klines(sym, Interval.M1, from, null, 1000);
            orders.sort(Comparator.comparing((PaperOrderRow o) -> o.type() == OrderType.PROTECT)
                    .thenComparingLong(PaperOrderRow::orderId));
            for (PaperOrderRow order : orders) {
                PaperOrderRow state = order;
                Kline lastClosed = null;
                boolean filled = false;
                for (Kline candle : candles) {
                    if (candle.openTime().isBefore(order.checkedUntil())) {
                        continue;
                    }
                    Optional<PaperOrderRow> next = check(model, state, candle);
                    if (next.isEmpty()) {
                        filled = true;
                        break;
                    }
                    // a candle still open may fill an order (its range so far did trade); only closed ones move it on
                    if (candle.closeTime().isBefore(now)) {
                        state = next.get();
                        lastClosed = candle;
                    }
                }
                if (!filled && lastClosed != null) {
                    BigDecimal highWater = state.highWater();
                    Instant until = lastClosed.closeTime().plusMillis(1);
                    jdbi.useExtension(PaperDao.class, dao -> dao.checked(accountId, order.clientOrderId(), until, highWater));
                }
            }
        });
    }

    /**
     * One resting order against one candle: empty when it filled (the fill is booked at the candle's open
     * time), else the order as it stays (a trailing stop's high-water mark raised).
     */
    Optional<PaperOrderRow> check(FillModel model, PaperOrderRow order, Kline candle) {
        return check(model, order, candle, new ArrayList<>());
    }

    /** Like {@link #check(FillModel, PaperOrderRow, Kline)}, adding the fill it booked to {@code fills}. */
    Optional<PaperOrderRow> check(FillModel model, PaperOrderRow order, Kline candle, List<Trade> fills) {
        Fill fill;
        if (order.type() == OrderType.PROTECT) {
            ExitCheck exit = model.check(order.protection(), candle.open(), candle.high(), candle.low());
            if (!exit.triggered()) {
                BigDecimal highWater = exit.protection().highWater();
                return Optional.of(highWater == null || highWater.compareTo(order.highWater()) == 0 ? order
                        : order.withHighWater(highWater));
            }
            fill = exit.fill();
        }
        else {
            fill = model.resting(order.side(), order.price(), order.quantity(), candle.high(), candle.low());
            if (fill == null) {
                return Optional.of(order);
            }
        }
        Instant at = candle.openTime().isAfter(order.createdAt()) ? candle.openTime() : order.createdAt();
        jdbi.useTransaction(handle -> {
            PaperDao dao = handle.attach(PaperDao.class);
            requireOpen(dao);
            dao.close(accountId, order.clientOrderId(), OrderStatus.FILLED.name(), fill.quantity(), fill.quoteQuantity(), at)
                    .ifPresent(filled -> fills.add(settle(dao, model, filled, fill, true, at)));
        });
        ended(order);
        return Optional.empty();
    }
}
