package app.tradebot.exchange.paper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.exchange.Balance;
import app.tradebot.exchange.Trade;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(PaperOrderRow.class)
@RegisterConstructorMapper(Balance.class)
@RegisterConstructorMapper(Trade.class)
interface PaperDao {

    String ORDER_COLUMNS = """
            account_id, client_order_id, order_id, symbol, side, type, status, price, quantity, executed_quantity,
            cumulative_quote_quantity, created_at, updated_at, checked_until, stop_price, take_profit_price,
            trailing_delta, high_water""";

    /** 1 when the account is new, 0 when it was already open. */
    @SqlUpdate("insert into paper_accounts (account_id) values (:id) on conflict do nothing")
    int open(@Bind("id") UUID accountId);

    /** Serialises every change of one account's money: two orders cannot both spend the same balance. */
    @SqlQuery("select account_id from paper_accounts where account_id = :id for update")
    Optional<UUID> lock(@Bind("id") UUID accountId);

    @SqlUpdate("delete from paper_accounts where account_id = :accountId")
    int close(@Bind("accountId") UUID accountId);

    /** One ledger entry and the balance it changes, together, in one statement. */
    @SqlUpdate("""
            with entry as (
                insert into paper_ledger (account_id, asset, free_change, locked_change, reason, client_order_id, created_at)
                values (:accountId, :asset, :free, :locked, :reason, :clientOrderId, :at)
            )
            insert into paper_balances (account_id, asset, free, locked) values (:accountId, :asset, :free, :locked)
            on conflict (account_id, asset) do update set free = paper_balances.free + excluded.free,
                locked = paper_balances.locked + excluded.locked
            """)
    void entry(@Bind("accountId") UUID accountId, @Bind("asset") String asset, @Bind("free") BigDecimal free,
            @Bind("locked") BigDecimal locked, @Bind("reason") String reason, @Bind("clientOrderId") String clientOrderId,
            @Bind("at") Instant at);

    @SqlQuery("select asset, free, locked from paper_balances where account_id = :id order by asset")
    List<Balance> balances(@Bind("id") UUID accountId);

    @SqlQuery("select coalesce((select free from paper_balances where account_id = :id and asset = :asset), 0)")
    BigDecimal free(@Bind("id") UUID accountId, @Bind("asset") String asset);

    /** Empty when the client order id is taken: the primary key decides. */
    @SqlQuery("""
            insert into paper_orders (account_id, client_order_id, symbol, side, type, status, price, quantity,
                executed_quantity, cumulative_quote_quantity, created_at, updated_at, checked_until, stop_price,
                take_profit_price, trailing_delta, high_water)
            values (:accountId, :clientOrderId, :symbol, :side, :type, :status, :price, :quantity,
                :executed, :quote, :at, :at, :at, :stop, :takeProfit, :trailing, :highWater)
            on conflict (account_id, client_order_id) do nothing
            returning""" + " " + ORDER_COLUMNS)
    Optional<PaperOrderRow> insert(@Bind("accountId") UUID accountId, @Bind("clientOrderId") String clientOrderId,
            @Bind("symbol") String symbol, @Bind("side") String side, @Bind("type") String type,
            @Bind("status") String status, @Bind("price") BigDecimal price, @Bind("quantity") BigDecimal quantity,
            @Bind("executed") BigDecimal executedQuantity, @Bind("quote") BigDecimal cumulativeQuoteQuantity,
            @Bind("at") Instant at, @Bind("stop") BigDecimal stopPrice, @Bind("takeProfit") BigDecimal takeProfitPrice,
            @Bind("trailing") BigDecimal trailingDelta, @Bind("highWater") BigDecimal highWater);

    @SqlQuery("select " + ORDER_COLUMNS + " from paper_orders where account_id = :id and client_order_id = :clientOrderId")
    Optional<PaperOrderRow> find(@Bind("id") UUID accountId, @Bind("clientOrderId") String clientOrderId);

    @SqlQuery("select " + ORDER_COLUMNS + """
             from paper_orders
            where account_id = :id and status = 'NEW' and (cast(:symbol as varchar) is null or symbol = :symbol)
            order by order_id
            """)
    List<PaperOrderRow> open(@Bind("id") UUID accountId, @Bind("symbol") String symbol);

    @SqlQuery("select count(*) from paper_orders where account_id = :id and status = 'NEW' and symbol = :symbol")
    int openCount(@Bind("id") UUID accountId, @Bind("symbol") String symbol);

    /** The account's orders in one symbol created at or after {@code from}, oldest first. */
    @SqlQuery("select " + ORDER_COLUMNS + """
             from paper_orders where account_id = :id and symbol = :symbol and created_at >= :from
            order by created_at, order_id limit :limit
            """)
    List<PaperOrderRow> ordersFrom(@Bind("id") UUID accountId, @Bind("symbol") String symbol, @Bind("from") Instant from,
            @Bind("limit") int limit);

    /** Moves a NEW order on; empty when it is no longer NEW (filled or cancelled meanwhile). */
    @SqlQuery("update paper_orders set status = :status, executed_quantity = :executed, cumulative_quote_quantity = :quote,"
            + " updated_at = :at where account_id = :id and client_order_id = :clientOrderId and status = 'NEW'"
            + " returning " + ORDER_COLUMNS)
    Optional<PaperOrderRow> close(@Bind("id") UUID accountId, @Bind("clientOrderId") String clientOrderId,
            @Bind("status") String status, @Bind("executed") BigDecimal executed, @Bind("quote") BigDecimal quote,
            @Bind("at") Instant at);

    @SqlUpdate("update paper_orders set checked_until = :until, high_water = :highWater where account_id = :id"
            + " and client_order_id = :clientOrderId and status = 'NEW' and checked_until < :until")
    void checked(@Bind("id") UUID accountId, @Bind("clientOrderId") String clientOrderId, @Bind("until") Instant until,
            @Bind("highWater") BigDecimal highWater);

    String TRADE_COLUMNS = """
            symbol, id, order_id as exchange_order_id, side, price, quantity, quote_quantity, commission, commission_asset,
            maker, time""";

    @SqlQuery("""
            insert into paper_trades (account_id, client_order_id, order_id, symbol, side, price, quantity, quote_quantity,
                commission, commission_asset, maker, time)
            values (:accountId, :clientOrderId, :orderId, :symbol, :side, :price, :quantity, :quote, :commission,
                :commissionAsset, :maker, :time)
            returning""" + " " + TRADE_COLUMNS)
    Trade trade(@Bind("accountId") UUID accountId, @Bind("clientOrderId") String clientOrderId, @Bind("orderId") long orderId,
            @Bind("symbol") String symbol, @Bind("side") String side, @Bind("price") BigDecimal price,
            @Bind("quantity") BigDecimal quantity, @Bind("quote") BigDecimal quote, @Bind("commission") BigDecimal commission,
            @Bind("commissionAsset") String commissionAsset, @Bind("maker") boolean maker, @Bind("time") Instant time);

    @SqlQuery("select " + TRADE_COLUMNS + """
             from paper_trades where account_id = :id and symbol = :symbol and time >= :from
            order by time, id limit :limit
            """)
    List<Trade> tradesFrom(@Bind("id") UUID accountId, @Bind("symbol") String symbol, @Bind("from") Instant from,
            @Bind("limit") int limit);

    @SqlQuery("select " + TRADE_COLUMNS + """
             from paper_trades where account_id = :id and symbol = :symbol and id >= :fromId
            order by id limit :limit
            """)
    List<Trade> tradesFromId(@Bind("id") UUID accountId, @Bind("symbol") String symbol, @Bind("fromId") long fromId,
            @Bind("limit") int limit);

    @SqlQuery("select " + TRADE_COLUMNS + """
             from paper_trades where account_id = :id and symbol = :symbol and order_id = :orderId order by id
            """)
    List<Trade> orderTrades(@Bind("id") UUID accountId, @Bind("symbol") String symbol, @Bind("orderId") long orderId);

    /** The most recent {@code limit}, oldest first. */
    @SqlQuery("select * from (select " + TRADE_COLUMNS + """
             from paper_trades where account_id = :id and symbol = :symbol
            order by time desc, id desc limit :limit) recent order by time, id
            """)
    List<Trade> recentTrades(@Bind("id") UUID accountId, @Bind("symbol") String symbol, @Bind("limit") int limit);
}
