package app.tradebot.exchange.binance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import app.tradebot.exchange.AccountSnapshot;
import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.MarketDataExchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderFilters;
import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Placement;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Trade;
import app.tradebot.exchange.Venue;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import tools.jackson.databind.JsonNode;

/**
 * One Binance account. Every signed call goes through the account's circuit breaker. Two ways to
 * send an order: {@link #place} (the bots' order path) sends once and says accepted, rejected or
 * unknown; {@link #placeOrder} (direct callers) looks the order up by its client order id before it is
 * sent (Binance accepts a client order id again once the order with it is filled, so sending twice
 * could buy twice) and again when the send ends without an answer.
 */
final class BinanceExchange extends MarketDataExchange {

    private final Venue venue;
    private final BinanceMarketData market;
    private final BinanceHttp http;
    private final ApiCredentials credentials;
    private final CircuitBreaker breaker;
    /** Placements in progress in this process, by account and client order id. */
    private final Map<String, CompletableFuture<Order>> placing;
    private final Duration placingWait;

    BinanceExchange(Venue venue, BinanceMarketData market, ApiCredentials credentials, CircuitBreaker breaker,
            Map<String, CompletableFuture<Order>> placing, Duration placingWait) {
        super(market);
        this.venue = venue;
        this.placing = placing;
        this.placingWait = placingWait;
        this.market = market;
        this.http = market.http();
        this.credentials = credentials;
        this.breaker = breaker;
    }

    // ---- the account ----

    @Override
    public AccountSnapshot account() {
        JsonNode account = signed("GET", "/api/v3/account", Map.of("omitZeroBalances", "true"), 20);
        List<Balance> balances = new ArrayList<>();
        for (JsonNode b : account.path("balances")) {
            BigDecimal free = OrderFilters.plain(BinanceJson.decimal(b, "free"));
            BigDecimal locked = OrderFilters.plain(BinanceJson.decimal(b, "locked"));
            if (free.signum() != 0 || locked.signum() != 0) {
                balances.add(new Balance(b.path("asset").asString(), free, locked));
            }
        }
        return new AccountSnapshot(account.path("canTrade").asBoolean(), account.path("canWithdraw").asBoolean(), balances);
    }

    @Override
    public KeyPermissions permissions() {
        if (venue == Venue.BINANCE_TESTNET) {
            // The spot test network has no /sapi endpoints; its keys cannot withdraw anything real.
            AccountSnapshot account = account();
            return new KeyPermissions(true, account.canTrade(), false);
        }
        JsonNode restrictions = signed("GET", "/sapi/v1/account/apiRestrictions", Map.of(), 1);
        return new KeyPermissions(restrictions.path("enableReading").asBoolean(),
                restrictions.path("enableSpotAndMarginTrading").asBoolean(), restrictions.path("enableWithdrawals").asBoolean());
    }

    /**
     * Two placements of one client order id at once in this process (a redelivered task beside the
     * first) share one placement: each would find nothing before sending, and Binance takes a filled
     * order's id again, so both would be filled.
     */
    @Override
    public Order placeOrder(OrderRequest request) {
        if (request.clientOrderId() == null) {
            return send(request);
        }
        String key = breaker.getName() + "/" + request.clientOrderId();
        CompletableFuture<Order> mine = new CompletableFuture<>();
        CompletableFuture<Order> running = placing.putIfAbsent(key, mine);
        if (running != null) {
            return joined(running, request.clientOrderId());
        }
        try {
            Order order = send(request);
            mine.complete(order);
            return order;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            placing.remove(key, mine);
        }
    }

    private Order joined(CompletableFuture<Order> running, String clientOrderId) {
        try {
            return running.get(placingWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new UnknownOutcome(0, 0, "Order " + clientOrderId + " is still being placed by another call: look it up by "
                    + "its client order id", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownOutcome(0, 0, "Interrupted while order " + clientOrderId + " was being placed by another call", e);
        }
    }

    private Order send(OrderRequest request) {
        SymbolRules rules = market.symbol(request.symbol())
                .orElseThrow(() -> new OrderRejected(400, -1121, "Invalid symbol: " + request.symbol()));
        BigDecimal marketPrice = request.type() == OrderType.MARKET ? market.ticker(rules.symbol()).price() : null;
        OrderRequest order;
        try {
            order = OrderFilters.prepare(rules, request, marketPrice);
        } catch (OrderRejected e) {
            if (e.code() == OrderFilters.ILLEGAL_CLIENT_ORDER_ID) {
                throw e;
            }
            // A retry of an order that was placed answers that order, even if it would not pass the filters
            // now (the price moved, the symbol halted): "refused" would hide an order that exists.
            return findOrder(rules.symbol(), request.clientOrderId()).orElseThrow(() -> e);
        }
        Optional<Order> existing = findOrder(order.symbol(), order.clientOrderId());
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return BinanceJson.order(signed("POST", "/api/v3/order", params(order, "RESULT"), 1));
        } catch (UnknownOutcome e) {
            Optional<Order> sent;
            try {
                // Around the breaker: the failure just recorded may have opened it, and only this answer
                // tells whether money moved.
                sent = lookup(order.symbol(), order.clientOrderId(),
                        params -> http.signed("GET", "/api/v3/order", params, 4, credentials));
            } catch (ExchangeException lookupFailed) {
                throw new UnknownOutcome(e.httpStatus(), e.code(), "Order " + order.clientOrderId()
                        + " may have been placed (" + e.getMessage() + ") and looking it up failed ("
                        + lookupFailed.getMessage() + "): look it up by its client order id before placing anything else", e);
            }
            return sent.orElseThrow(() -> new ExchangeException(e.httpStatus(),
                    e.code(), "Order " + order.clientOrderId() + " may not have reached Binance (" + e.getMessage()
                            + ") and Binance does not know it yet; it was not sent again: look it up by its client order id",
                    e));
        } catch (OrderRejected e) {
            if (BinanceErrors.DUPLICATE_ORDER.equals(e.getMessage())) {
                // Sent concurrently by someone else with the same id: that order is the answer.
                return findOrder(order.symbol(), order.clientOrderId()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * The order path's send: once, with {@code newOrderRespType=FULL} so that the fills come with the
     * answer, and no look-up before or after (the order path's claim makes this the only send of the id,
     * and its reconciliation looks an unknown order up). Binance accepts a client order id again once the
     * order with it is closed, so nothing here ever sends the same id a second time.
     */
    @Override
    public Placement place(OrderRequest request) {
        OrderRequest order;
        try {
            Optional<SymbolRules> rules = market.symbol(request.symbol());
            if (rules.isEmpty()) {
                return new Placement.Rejected(400, -1121, "Invalid symbol: " + request.symbol());
            }
            if (request.type() != OrderType.MARKET && request.type() != OrderType.LIMIT) {
                return new Placement.Rejected(0, -1116, "Binance accounts take MARKET and LIMIT orders from bots, not "
                        + request.type() + ": protective exits are checked on each closed candle and sold at market");
            }
            BigDecimal marketPrice = request.type() == OrderType.MARKET ? market.ticker(rules.get().symbol()).price() : null;
            order = OrderFilters.prepare(rules.get(), request, marketPrice);
        } catch (OrderRejected e) {
            return new Placement.Rejected(0, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // Nothing was sent, but the order path only knows "accepted", "rejected" (never resent) and "unknown"
            // (resolved by its reconciliation, which finds nothing and sends the signal again under a new id).
            return new Placement.Unknown("not sent: " + e.getMessage());
        }
        JsonNode answer;
        try {
            answer = signed("POST", "/api/v3/order", params(order, "FULL"), 1);
        } catch (OrderRejected e) {
            if (BinanceErrors.DUPLICATE_ORDER.equals(e.getMessage())) {
                // An open order has this id already: the reconciliation adopts it.
                return new Placement.Unknown("Binance has an open order " + order.clientOrderId() + " already (" + e.getMessage() + ")");
            }
            return new Placement.Rejected(e.httpStatus(), e.code(), e.getMessage());
        } catch (ExchangeException e) {
            if (definiteRefusal(e)) {
                return new Placement.Rejected(e.httpStatus(), e.code(), e.getMessage());
            }
            return new Placement.Unknown(e.getMessage());
        } catch (RuntimeException e) {
            return new Placement.Unknown("Binance's answer to order " + order.clientOrderId() + " was not read: " + e);
        }
        try {
            Order placed = BinanceJson.order(answer);
            return new Placement.Accepted(placed, BinanceJson.fills(answer, placed));
        } catch (RuntimeException e) {
            return new Placement.Unknown("Binance's answer to order " + order.clientOrderId() + " was not read: " + e);
        }
    }

    /**
     * A 4xx other than the rate limit (429, 418), which a later send may pass: a bad key (-2015), a
     * timestamp outside the receive window even after the clock was measured again (-1021), a malformed
     * request. 5xx, timeouts and broken connections are {@link UnknownOutcome}s, never definite.
     */
    private static boolean definiteRefusal(ExchangeException e) {
        return !(e instanceof UnknownOutcome) && e.httpStatus() >= 400 && e.httpStatus() < 500 && e.httpStatus() != 429
                && e.httpStatus() != 418;
    }

    @Override
    public List<Trade> orderTrades(String symbol, long exchangeOrderId) {
        List<Trade> trades = new ArrayList<>();
        signed("GET", "/api/v3/myTrades", Map.of("symbol", symbol, "orderId", Long.toString(exchangeOrderId)), 5)
                .forEach(t -> trades.add(BinanceJson.trade(t)));
        return trades;
    }

    @Override
    public List<Trade> tradesFrom(String symbol, long fromTradeId, int limit) {
        checkLimit(limit);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("fromId", Long.toString(fromTradeId));
        params.put("limit", Integer.toString(limit));
        List<Trade> trades = new ArrayList<>();
        signed("GET", "/api/v3/myTrades", params, 20).forEach(t -> trades.add(BinanceJson.trade(t)));
        return trades;
    }

    /** Binance answers at most 24 hours of orders per call: those of the day from {@code from}. */
    @Override
    public List<Order> ordersFrom(String symbol, Instant from, int limit) {
        checkLimit(limit);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("startTime", Long.toString(from.toEpochMilli()));
        params.put("endTime", Long.toString(from.plus(Duration.ofDays(1)).toEpochMilli() - 1));
        params.put("limit", Integer.toString(limit));
        List<Order> orders = new ArrayList<>();
        signed("GET", "/api/v3/allOrders", params, 20).forEach(o -> orders.add(BinanceJson.order(o)));
        return orders;
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, not " + limit);
        }
    }

    private static Map<String, String> params(OrderRequest order, String responseType) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", order.symbol());
        params.put("side", order.side().name());
        params.put("type", order.type().name());
        if (order.type() == OrderType.LIMIT) {
            params.put("timeInForce", "GTC");
        }
        if (order.quantity() != null) {
            params.put("quantity", order.quantity().toPlainString());
        } else {
            params.put("quoteOrderQty", order.quoteQuantity().toPlainString());
        }
        if (order.price() != null) {
            params.put("price", order.price().toPlainString());
        }
        params.put("newClientOrderId", order.clientOrderId());
        params.put("newOrderRespType", responseType);
        return params;
    }

    @Override
    public Optional<Order> findOrder(String symbol, String clientOrderId) {
        return lookup(symbol, clientOrderId, params -> signed("GET", "/api/v3/order", params, 4));
    }

    private static Optional<Order> lookup(String symbol, String clientOrderId, Function<Map<String, String>, JsonNode> get) {
        try {
            return Optional.of(BinanceJson.order(get.apply(Map.of("symbol", symbol, "origClientOrderId", clientOrderId))));
        } catch (ExchangeException e) {
            if (e.code() == BinanceErrors.NO_SUCH_ORDER) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Order cancelOrder(String symbol, String clientOrderId) {
        return BinanceJson.order(signed("DELETE", "/api/v3/order", Map.of("symbol", symbol, "origClientOrderId", clientOrderId), 1));
    }

    @Override
    public List<Order> openOrders(String symbol) {
        JsonNode orders = symbol == null ? signed("GET", "/api/v3/openOrders", Map.of(), 80)
                : signed("GET", "/api/v3/openOrders", Map.of("symbol", symbol), 6);
        List<Order> open = new ArrayList<>();
        orders.forEach(o -> open.add(BinanceJson.order(o)));
        return open;
    }

    @Override
    public List<Trade> myTrades(String symbol, Instant from, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, not " + limit);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        if (from != null) {
            params.put("startTime", Long.toString(from.toEpochMilli()));
        }
        params.put("limit", Integer.toString(limit));
        List<Trade> trades = new ArrayList<>();
        signed("GET", "/api/v3/myTrades", params, 20).forEach(t -> trades.add(BinanceJson.trade(t)));
        return trades;
    }

    private JsonNode signed(String method, String path, Map<String, String> params, int weight) {
        return guarded(() -> http.signed(method, path, params, weight, credentials));
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            throw new ExchangeException(503, 0, "Binance calls for this account are paused after repeated failures "
                    + "(circuit breaker " + breaker.getName() + " open); they resume by themselves shortly", e);
        }
    }
}
