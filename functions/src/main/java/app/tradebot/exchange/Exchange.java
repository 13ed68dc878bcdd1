package app.tradebot.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One exchange account: the port the rest of the code trades through. Binance (production or spot
 * testnet) and the paper exchange implement it; nothing outside this package knows which it has.
 *
 * <p>Every order carries a client order id chosen by the caller before sending; placing the same id
 * twice never makes a second order ({@link #placeOrder} answers the existing one), so a retried or
 * redelivered task cannot double-spend. Failures are {@link ExchangeException}s that keep the
 * exchange's own code and message.
 */
public interface Exchange extends MarketData {

    /** Balances and whether the account may trade. */
    AccountSnapshot account();

    /** What the API key may do: read, trade, withdraw (a warning for a trading bot's key). */
    KeyPermissions permissions();

    /**
     * Places a MARKET or LIMIT order with {@link OrderRequest#clientOrderId()}. Quantity and price are
     * rounded to the symbol's filters first; an order below the minimum notional or quantity is refused
     * before anything is sent ({@link OrderRejected}).
     */
    Order placeOrder(OrderRequest request);

    /**
     * Sends one order once and says what became of it, never throwing for the order's own fate: the
     * order path's entry point. The implementations answer {@link Placement.Unknown} whenever the
     * request may have reached the exchange without an answer.
     */
    default Placement place(OrderRequest request) {
        try {
            return new Placement.Accepted(placeOrder(request), List.of());
        } catch (OrderRejected e) {
            return new Placement.Rejected(e.httpStatus(), e.code(), e.getMessage());
        } catch (ExchangeException e) {
            return new Placement.Unknown(e.getMessage());
        }
    }

    /**
     * Whether this exchange rests PROTECT orders ({@link OrderRequest#protect}) and fills them by the fill
     * model's rule (the paper exchange, live and replay). Elsewhere (Binance) a bot holds its protection and
     * its runner checks it on each closed candle, selling at market when it is reached.
     */
    default boolean restsProtection() {
        return false;
    }

    /** The order with this client order id, if the exchange knows it. */
    Optional<Order> findOrder(String symbol, String clientOrderId);

    Order cancelOrder(String symbol, String clientOrderId);

    /** Open orders of one symbol, or of every symbol when {@code symbol} is null. */
    List<Order> openOrders(String symbol);

    /** The account's trades in one symbol from {@code from} (null: the most recent), oldest first. */
    List<Trade> myTrades(String symbol, Instant from, int limit);

    /** The account's fills of one order, oldest first (Binance: {@code GET /api/v3/myTrades?orderId=}). */
    default List<Trade> orderTrades(String symbol, long exchangeOrderId) {
        throw new UnsupportedOperationException("orderTrades is not supported by " + getClass().getSimpleName());
    }

    /** The account's fills in one symbol with trade id at least {@code fromTradeId}, oldest first, at most {@code limit}. */
    default List<Trade> tradesFrom(String symbol, long fromTradeId, int limit) {
        throw new UnsupportedOperationException("tradesFrom is not supported by " + getClass().getSimpleName());
    }

    /** The account's orders in one symbol created at or after {@code from}, oldest first (Binance: {@code GET /api/v3/allOrders}). */
    default List<Order> ordersFrom(String symbol, Instant from, int limit) {
        throw new UnsupportedOperationException("ordersFrom is not supported by " + getClass().getSimpleName());
    }
}
