package app.tradebot.exchange.paper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.exchange.AccountSnapshot;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.MarketDataExchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderFilters;
import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.OrderStatus;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Trade;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A paper account: Binance's real prices, simulated fills, balances in the ledger. A MARKET order
 * fills at once at the latest price made worse by the slippage, paying the taker fee; a LIMIT order
 * locks its funds and fills at its price, paying the maker fee, once a one-minute candle that opened
 * after it trades through that price. A LIMIT order already marketable when placed fills at once as a
 * MARKET order would, never beyond its price, paying the taker fee (as on Binance). Resting orders are compared with new candles whenever the
 * account, an order or the open orders are read. Fees are paid in the asset received, as on Binance.
 */
final class PaperExchange extends MarketDataExchange {

    private static final Logger LOG = LoggerFactory.getLogger(PaperExchange.class);
    private static final BigDecimal BPS = new BigDecimal("10000");
    private static final String INSUFFICIENT_BALANCE = "Account has insufficient balance for requested action.";

    private final UUID accountId;
    private final MarketData market;
    private final Jdbi jdbi;
    private final PaperProperties properties;
    private final Clock clock;

    PaperExchange(UUID accountId, MarketData market, Jdbi jdbi, PaperProperties properties, Clock clock) {
        super(market);
        this.accountId = accountId;
        this.market = market;
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- the account ----

    @Override
    public AccountSnapshot account() {
        sweep(null);
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
    public KeyPermissions permissions() {
        return new KeyPermissions(true, true, false);
    }

    @Override
    public Order placeOrder(OrderRequest request) {
        if (request.clientOrderId() != null) {
            Optional<PaperOrderRow> existing = jdbi.withExtension(PaperDao.class, dao -> dao.find(accountId, request.clientOrderId()));
            if (existing.isPresent()) {
                return existing.get().toOrder();
            }
        }
        SymbolRules rules = market.symbol(request.symbol())
                .orElseThrow(() -> new OrderRejected(400, -1121, "Invalid symbol: " + request.symbol()));
        BigDecimal last = market.ticker(rules.symbol()).price();
        OrderRequest order = OrderFilters.prepare(rules, request, last);
        return jdbi.inTransaction(handle -> {
            PaperDao dao = handle.attach(PaperDao.class);
            requireOpen(dao);
            Optional<PaperOrderRow> existing = dao.find(accountId, order.clientOrderId());
            if (existing.isPresent()) {
                return existing.get().toOrder();
            }
            if (order.type() == OrderType.MARKET) {
                return fillMarket(dao, rules, order, last);
            }
            return marketable(order, last) ? fillMarketableLimit(dao, rules, order, last) : restLimit(dao, rules, order);
        });
    }

    /** The latest price made worse by the slippage, on the tick grid. */
    private BigDecimal slipped(SymbolRules rules, Side side, BigDecimal last) {
        BigDecimal slip = BigDecimal.valueOf(properties.slippageBps()).divide(BPS);
        return side == Side.BUY
                ? OrderFilters.roundPrice(rules, last.multiply(BigDecimal.ONE.add(slip)), Side.SELL)
                : OrderFilters.roundPrice(rules, last.multiply(BigDecimal.ONE.subtract(slip)), Side.BUY);
    }

    /** A buy limit at or above the latest price (a sell at or below) would not rest on Binance either. */
    private static boolean marketable(OrderRequest order, BigDecimal last) {
        return order.side() == Side.BUY ? last.compareTo(order.price()) <= 0 : last.compareTo(order.price()) >= 0;
    }

    /** Fills at once as a taker, at the slipped latest price but never beyond the limit. */
    private Order fillMarketableLimit(PaperDao dao, SymbolRules rules, OrderRequest order, BigDecimal last) {
        BigDecimal slipped = slipped(rules, order.side(), last);
        BigDecimal price = order.side() == Side.BUY ? slipped.min(order.price()) : slipped.max(order.price());
        BigDecimal quote = order.quantity().multiply(price);
        requireFree(dao, order.side() == Side.BUY ? rules.quoteAsset() : rules.baseAsset(),
                order.side() == Side.BUY ? quote : order.quantity());
        Instant now = clock.instant();
        PaperOrderRow row = dao.insert(accountId, order.clientOrderId(), rules.symbol(), order.side().name(),
                OrderType.LIMIT.name(), OrderStatus.FILLED.name(), order.price(), order.quantity(), order.quantity(), quote, now)
                .orElseThrow(PaperExchange::duplicate);
        settle(dao, rules, row, price, order.quantity(), false, false, properties.takerFeeBps(), now);
        return row.toOrder();
    }

    private Order fillMarket(PaperDao dao, SymbolRules rules, OrderRequest order, BigDecimal last) {
        BigDecimal price = slipped(rules, order.side(), last);
        BigDecimal quantity = order.quantity() != null ? order.quantity()
                : OrderFilters.roundQuantity(rules, order.quoteQuantity().divide(price, rules.stepSize().scale() + 8, RoundingMode.DOWN));
        if (quantity.compareTo(rules.minQty()) < 0 || quantity.signum() <= 0) {
            throw new OrderRejected(400, -1013, "Filter failure: LOT_SIZE: " + order.quoteQuantity().toPlainString() + " "
                    + rules.quoteAsset() + " buys less than the minimum quantity " + rules.minQty().toPlainString());
        }
        BigDecimal quote = quantity.multiply(price);
        requireFree(dao, order.side() == Side.BUY ? rules.quoteAsset() : rules.baseAsset(),
                order.side() == Side.BUY ? quote : quantity);
        Instant now = clock.instant();
        PaperOrderRow row = dao.insert(accountId, order.clientOrderId(), rules.symbol(), order.side().name(),
                OrderType.MARKET.name(), OrderStatus.FILLED.name(), null, quantity, quantity, quote, now).orElseThrow(PaperExchange::duplicate);
        settle(dao, rules, row, price, quantity, false, false, properties.takerFeeBps(), now);
        return row.toOrder();
    }

    private Order restLimit(PaperDao dao, SymbolRules rules, OrderRequest order) {
        String asset = order.side() == Side.BUY ? rules.quoteAsset() : rules.baseAsset();
        BigDecimal amount = order.side() == Side.BUY ? order.quantity().multiply(order.price()) : order.quantity();
        requireFree(dao, asset, amount);
        Instant now = clock.instant();
        PaperOrderRow row = dao.insert(accountId, order.clientOrderId(), rules.symbol(), order.side().name(),
                OrderType.LIMIT.name(), OrderStatus.NEW.name(), order.price(), order.quantity(), BigDecimal.ZERO, BigDecimal.ZERO,
                now).orElseThrow(PaperExchange::duplicate);
        dao.entry(accountId, asset, amount.negate(), amount, "LOCK", row.clientOrderId(), now);
        return row.toOrder();
    }

    /** Under the account lock a taken id is found before inserting; the primary key is the last word anyway. */
    private static ExchangeException duplicate() {
        return new ExchangeException(409, -2010, "Duplicate order sent.");
    }

    /** Moves the money of a fill: the spent asset out (of locked for a resting order), the received one in, less the fee. */
    private void settle(PaperDao dao, SymbolRules rules, PaperOrderRow order, BigDecimal price, BigDecimal quantity,
            boolean fromLocked, boolean maker, int feeBps, Instant at) {
        BigDecimal quote = quantity.multiply(price);
        BigDecimal feeRate = BigDecimal.valueOf(feeBps).divide(BPS);
        boolean buy = order.side() == Side.BUY;
        String spentAsset = buy ? rules.quoteAsset() : rules.baseAsset();
        BigDecimal spent = buy ? quote : quantity;
        String receivedAsset = buy ? rules.baseAsset() : rules.quoteAsset();
        BigDecimal received = buy ? quantity : quote;
        BigDecimal fee = received.multiply(feeRate);
        if (fromLocked) {
            dao.entry(accountId, spentAsset, BigDecimal.ZERO, spent.negate(), "TRADE", order.clientOrderId(), at);
        } else {
            dao.entry(accountId, spentAsset, spent.negate(), BigDecimal.ZERO, "TRADE", order.clientOrderId(), at);
        }
        dao.entry(accountId, receivedAsset, received, BigDecimal.ZERO, "TRADE", order.clientOrderId(), at);
        if (fee.signum() > 0) {
            dao.entry(accountId, receivedAsset, fee.negate(), BigDecimal.ZERO, "FEE", order.clientOrderId(), at);
        }
        dao.trade(accountId, order.clientOrderId(), order.orderId(), order.symbol(), order.side().name(), price, quantity,
                quote, fee, receivedAsset, maker, at);
    }

    private void requireFree(PaperDao dao, String asset, BigDecimal amount) {
        if (dao.free(accountId, asset).compareTo(amount) < 0) {
            throw new OrderRejected(400, -2010, INSUFFICIENT_BALANCE);
        }
    }

    private void requireOpen(PaperDao dao) {
        if (dao.lock(accountId).isEmpty()) {
            throw new ExchangeException(404, 0, "No paper account " + accountId + ": it was never opened");
        }
    }

    @Override
    public Optional<Order> findOrder(String symbol, String clientOrderId) {
        sweep(symbol);
        return jdbi.withExtension(PaperDao.class, dao -> dao.find(accountId, clientOrderId))
                .filter(row -> row.symbol().equals(symbol))
                .map(PaperOrderRow::toOrder);
    }

    @Override
    public Order cancelOrder(String symbol, String clientOrderId) {
        sweep(symbol);
        return jdbi.inTransaction(handle -> {
            PaperDao dao = handle.attach(PaperDao.class);
            requireOpen(dao);
            PaperOrderRow order = dao.find(accountId, clientOrderId).filter(row -> row.symbol().equals(symbol))
                    .orElseThrow(() -> new OrderRejected(400, -2011, "Unknown order sent."));
            Instant now = clock.instant();
            PaperOrderRow canceled = dao.close(accountId, clientOrderId, OrderStatus.CANCELED.name(), order.executedQuantity(),
                    order.cumulativeQuoteQuantity(), now).orElseThrow(() -> new OrderRejected(400, -2011, "Unknown order sent."));
            SymbolRules rules = rules(symbol);
            boolean buy = order.side() == Side.BUY;
            BigDecimal amount = buy ? order.quantity().multiply(order.price()) : order.quantity();
            dao.entry(accountId, buy ? rules.quoteAsset() : rules.baseAsset(), amount, amount.negate(), "UNLOCK",
                    clientOrderId, now);
            return canceled.toOrder();
        });
    }

    @Override
    public List<Order> openOrders(String symbol) {
        sweep(symbol);
        return jdbi.withExtension(PaperDao.class, dao -> dao.open(accountId, symbol)).stream().map(PaperOrderRow::toOrder).toList();
    }

    @Override
    public List<Trade> myTrades(String symbol, Instant from, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, not " + limit);
        }
        return jdbi.withExtension(PaperDao.class, dao -> from == null ? dao.recentTrades(accountId, symbol, limit)
                : dao.tradesFrom(accountId, symbol, from, limit)).stream()
                .map(t -> new Trade(t.symbol(), t.id(), t.exchangeOrderId(), t.side(), OrderFilters.plain(t.price()),
                        OrderFilters.plain(t.quantity()), OrderFilters.plain(t.quoteQuantity()),
                        OrderFilters.plain(t.commission()), t.commissionAsset(), t.maker(), t.time()))
                .toList();
    }

    /**
     * Fills resting LIMIT orders that a one-minute candle opening after them traded through: a buy when
     * the candle's low went below its price, a sell when the high went above (touching is not enough:
     * the order may have been behind others at that price).
     */
    void sweep(String symbol) {
        try {
            fillTradedThrough(symbol);
        } catch (ExchangeException e) {
            // Without candles the orders stay as they were: still true, only not yet brought up to date.
            LOG.warn("Paper account {}: resting orders not compared with new candles: {}", accountId, e.getMessage());
        }
    }

    private void fillTradedThrough(String symbol) {
        List<PaperOrderRow> open = jdbi.withExtension(PaperDao.class, dao -> dao.open(accountId, symbol));
        Map<String, List<PaperOrderRow>> bySymbol = new LinkedHashMap<>();
        open.forEach(order -> bySymbol.computeIfAbsent(order.symbol(), s -> new ArrayList<>()).add(order));
        Instant now = clock.instant();
        bySymbol.forEach((sym, orders) -> {
            Instant from = orders.stream().map(PaperOrderRow::checkedUntil).min(Instant::compareTo).orElseThrow();
            List<Kline> candles = market.klines(sym, Interval.M1, from, null, 1000);
            for (PaperOrderRow order : orders) {
                Optional<Kline> through = candles.stream()
                        .filter(k -> !k.openTime().isBefore(order.checkedUntil()))
                        .filter(k -> order.side() == Side.BUY ? k.low().compareTo(order.price()) < 0
                                : k.high().compareTo(order.price()) > 0)
                        .findFirst();
                if (through.isPresent()) {
                    fillLimit(order, through.get());
                } else {
                    // Closed candles need no second look.
                    candles.stream().filter(k -> k.closeTime().isBefore(now)).reduce((a, b) -> b)
                            .ifPresent(k -> jdbi.useExtension(PaperDao.class,
                                    dao -> dao.checked(accountId, order.clientOrderId(), k.closeTime().plusMillis(1))));
                }
            }
        });
    }

    private void fillLimit(PaperOrderRow order, Kline candle) {
        SymbolRules rules = rules(order.symbol());
        jdbi.useTransaction(handle -> {
            PaperDao dao = handle.attach(PaperDao.class);
            requireOpen(dao);
            Instant at = candle.openTime().isAfter(order.createdAt()) ? candle.openTime() : order.createdAt();
            dao.close(accountId, order.clientOrderId(), OrderStatus.FILLED.name(), order.quantity(),
                    order.quantity().multiply(order.price()), at)
                    .ifPresent(filled -> settle(dao, rules, filled, order.price(), order.quantity(), true, true,
                            properties.makerFeeBps(), at));
        });
    }

    private SymbolRules rules(String symbol) {
        return market.symbol(symbol).orElseThrow(() -> new ExchangeException(400, -1121, "Invalid symbol: " + symbol));
    }
}
