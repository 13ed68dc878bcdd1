package app.tradebot.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.exchange.Trade;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The bot_fills table and the trade scan's cursors. */
@RegisterConstructorMapper(FillView.class)
interface BotFillDao {

    String COLUMNS = """
            order_id, symbol, trade_id, exchange_order_id, side, price, quantity, quote_quantity, commission,
            commission_asset, maker, time, seq
            """;

    /** 0 when the trade is stored already: a fill is stored once whoever reports it. */
    @SqlUpdate("""
            insert into bot_fills (account_id, symbol, trade_id, order_id, bot_id, exchange_order_id, side, price, quantity,
                quote_quantity, commission, commission_asset, maker, time)
            values (:accountId, :t.symbol, :t.id, :orderId, :botId, :t.exchangeOrderId, :t.side, :t.price, :t.quantity,
                :t.quoteQuantity, :t.commission, :t.commissionAsset, :t.maker, :time)
            on conflict (account_id, symbol, trade_id) do nothing
            """)
    int insert(@Bind("accountId") UUID accountId, @Bind("botId") UUID botId, @Bind("orderId") UUID orderId,
            @BindMethods("t") Trade trade, @Bind("time") Instant time);

    @SqlQuery("select " + COLUMNS + " from bot_fills where bot_id = :botId order by time, seq")
    List<FillView> ofBot(@Bind("botId") UUID botId);

    @SqlQuery("select " + COLUMNS + " from bot_fills where bot_id = :botId and time < :before order by time, seq")
    List<FillView> ofBotBefore(@Bind("botId") UUID botId, @Bind("before") Instant before);

    @SqlQuery("select " + COLUMNS + " from bot_fills where account_id = :accountId and seq > :after order by seq")
    List<FillView> ofAccountAfter(@Bind("accountId") UUID accountId, @Bind("after") long after);

    @SqlQuery("select coalesce(max(seq), 0) from bot_fills where account_id = :accountId")
    long lastSeqOfAccount(@Bind("accountId") UUID accountId);

    @SqlQuery("select " + COLUMNS + " from bot_fills where order_id = :orderId order by time, seq")
    List<FillView> ofOrder(@Bind("orderId") UUID orderId);

    @SqlQuery("select " + COLUMNS + " from bot_fills where bot_id = :botId and seq > :after order by seq limit :limit")
    List<FillView> page(@Bind("botId") UUID botId, @Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("""
            select coalesce((select next_trade_id from bot_trade_cursors where account_id = :accountId and symbol = :symbol),
                (select min(trade_id) from bot_fills where account_id = :accountId and symbol = :symbol))
            """)
    Optional<Long> scanFrom(@Bind("accountId") UUID accountId, @Bind("symbol") String symbol);

    @SqlUpdate("""
            insert into bot_trade_cursors (account_id, symbol, next_trade_id) values (:accountId, :symbol, :next)
            on conflict (account_id, symbol) do update set next_trade_id = greatest(bot_trade_cursors.next_trade_id, :next)
            """)
    int advance(@Bind("accountId") UUID accountId, @Bind("symbol") String symbol, @Bind("next") long next);
}
