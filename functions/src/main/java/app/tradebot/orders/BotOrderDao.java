package app.tradebot.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The bot_orders table. Every change of status is conditional on the status it leaves. */
@RegisterConstructorMapper(BotOrder.class)
interface BotOrderDao {

    String COLUMNS = """
            id, bot_id, user_id, account_id, symbol, candle_open_time, intent_index, attempt, client_order_id, side, type,
            quantity, quote_quantity, price, stop_price, take_profit_price, trailing_stop, reason, status, sent_quantity,
            fence, exchange_order_id, exchange_status, executed_quantity, cumulative_quote, reject_code, reject_message,
            unknown_reason, lookup_misses, replaces, max_signal_age_ms, base_asset, quote_asset, step_size, min_qty,
            min_notional, decided_at, claimed_at, answered_at, resolved_at, updated_at, seq, stop_loss, take_profit,
            high_water, checked_until
            """;
    String UNRESOLVED = "('SENDING', 'UNKNOWN', 'OPEN')";

    /** 0 when the signal's row exists already (record is idempotent). */
    @SqlUpdate("""
            insert into bot_orders (id, bot_id, user_id, account_id, symbol, candle_open_time, intent_index, attempt,
                client_order_id, side, type, quantity, quote_quantity, price, stop_price, take_profit_price, trailing_stop,
                reason, status, replaces, max_signal_age_ms, decided_at, updated_at, stop_loss, take_profit)
            values (:id, :botId, :userId, :accountId, :symbol, :candleOpenTime, :intentIndex, :attempt, :clientOrderId,
                :side, :type, :quantity, :quoteQuantity, :price, :stopPrice, :takeProfitPrice, :trailingStop, :reason,
                'NEW', :replaces, :maxSignalAgeMs, :decidedAt, :decidedAt, :stopLoss, :takeProfit)
            on conflict (bot_id, candle_open_time, intent_index, attempt) do nothing
            """)
    int insert(@BindMethods BotOrder order);

    @SqlQuery("select " + COLUMNS + " from bot_orders where id = :id")
    Optional<BotOrder> find(@Bind("id") UUID id);

    @SqlQuery("select " + COLUMNS + " from bot_orders where bot_id = :botId and candle_open_time = :candle "
            + "order by intent_index, attempt")
    List<BotOrder> ofCandle(@Bind("botId") UUID botId, @Bind("candle") Instant candle);

    /** In the order of their signals: a signal sent again comes before the later intents of its candle. */
    @SqlQuery("select " + COLUMNS + " from bot_orders where bot_id = :botId and status = :status "
            + "order by candle_open_time, intent_index, attempt, seq")
    List<BotOrder> withStatus(@Bind("botId") UUID botId, @Bind("status") BotOrderStatus status);

    @SqlQuery("select " + COLUMNS + " from bot_orders where account_id = :accountId and status in " + UNRESOLVED
            + " order by seq")
    List<BotOrder> unresolvedOf(@Bind("accountId") UUID accountId);

    @SqlQuery("select distinct account_id from bot_orders where status in " + UNRESOLVED)
    List<UUID> accountsWithUnresolved();

    @SqlQuery("select exists (select 1 from bot_orders where account_id = :accountId and status in " + UNRESOLVED + ")")
    boolean anyUnresolvedOnAccount(@Bind("accountId") UUID accountId);

    @SqlQuery("select exists (select 1 from bot_orders where bot_id = :botId and status in ('SENDING', 'UNKNOWN'))")
    boolean inDoubt(@Bind("botId") UUID botId);

    @SqlQuery("select exists (select 1 from bot_orders where bot_id = :botId and status in " + UNRESOLVED + ")")
    boolean anyUnresolvedOfBot(@Bind("botId") UUID botId);

    @SqlQuery("select count(*) from bot_orders where bot_id = :botId and status in ('NEW', 'SENDING', 'UNKNOWN', 'OPEN', 'ARMED')")
    int openCount(@Bind("botId") UUID botId);

    /** What the bot's unsettled buys may still spend: a quote amount, or quantity times price (a limit). */
    @SqlQuery("""
            select coalesce(sum(case when quote_quantity is not null then quote_quantity - cumulative_quote
                                     else (coalesce(sent_quantity, quantity) - executed_quantity) * price end), 0)
            from bot_orders
            where bot_id = :botId and side = 'BUY' and status in ('NEW', 'SENDING', 'UNKNOWN', 'OPEN')
              and (quote_quantity is not null or price is not null)
            """)
    BigDecimal openBuyQuote(@Bind("botId") UUID botId);

    /**
     * When the bot's latest stop-loss exit filled: a filled sell at or below its stop, its own (a protective
     * order's) or else the stop of the buy before it.
     */
    @SqlQuery("""
            select (select max(f.time) from bot_fills f where f.order_id = s.id)
            from bot_orders s
            where s.bot_id = :botId and s.side = 'SELL' and s.executed_quantity > 0
              and s.cumulative_quote / s.executed_quantity <= coalesce(s.stop_price,
                    (select b.stop_price from bot_orders b
                     where b.bot_id = s.bot_id and b.side = 'BUY' and b.executed_quantity > 0 and b.seq < s.seq
                     order by b.seq desc limit 1))
            order by s.seq desc limit 1
            """)
    Optional<Instant> lastStopLossExit(@Bind("botId") UUID botId);

    @SqlQuery("select " + COLUMNS + " from bot_orders where bot_id = :botId and seq > :after order by seq limit :limit")
    List<BotOrder> page(@Bind("botId") UUID botId, @Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("select " + COLUMNS + " from bot_orders where account_id = :accountId and symbol = :symbol "
            + "and exchange_order_id = :exchangeOrderId")
    Optional<BotOrder> byExchangeOrderId(@Bind("accountId") UUID accountId, @Bind("symbol") String symbol,
            @Bind("exchangeOrderId") long exchangeOrderId);

    /** The symbol's filters of the bot's latest claimed order: positions read step and dust from them. */
    @SqlQuery("select " + COLUMNS + " from bot_orders where bot_id = :botId and step_size is not null "
            + "order by seq desc limit 1")
    Optional<BotOrder> latestWithRules(@Bind("botId") UUID botId);

    @SqlUpdate("""
            update bot_orders set status = 'SENDING', fence = :fence, claimed_at = :now, updated_at = :now,
                sent_quantity = :sentQuantity, base_asset = :baseAsset, quote_asset = :quoteAsset, step_size = :stepSize,
                min_qty = :minQty, min_notional = :minNotional
            where id = :id and status = 'NEW'
            """)
    int claim(@Bind("id") UUID id, @Bind("fence") Long fence, @Bind("now") Instant now,
            @Bind("sentQuantity") BigDecimal sentQuantity, @Bind("baseAsset") String baseAsset,
            @Bind("quoteAsset") String quoteAsset, @Bind("stepSize") BigDecimal stepSize, @Bind("minQty") BigDecimal minQty,
            @Bind("minNotional") BigDecimal minNotional);

    /** A PROTECT order's prices as sent, stored with its claim (in the claim's transaction). */
    @SqlUpdate("""
            update bot_orders set stop_price = :stopPrice, take_profit_price = :takeProfitPrice, high_water = :highWater
            where id = :id and status = 'SENDING'
            """)
    int priced(@Bind("id") UUID id, @Bind("stopPrice") BigDecimal stopPrice,
            @Bind("takeProfitPrice") BigDecimal takeProfitPrice, @Bind("highWater") BigDecimal highWater);

    /** A protection the exchange does not rest: the bot holds it from now on, checked from the candle after its decision. */
    @SqlUpdate("""
            update bot_orders set status = 'ARMED', answered_at = :now, updated_at = :now, checked_until = candle_open_time
            where id = :id and status = 'SENDING'
            """)
    int arm(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlQuery("select " + COLUMNS + " from bot_orders where bot_id = :botId and status = 'ARMED' order by seq")
    List<BotOrder> armed(@Bind("botId") UUID botId);

    /** An armed protection checked against one more candle (its trailing mark raised, maybe). */
    @SqlUpdate("""
            update bot_orders set checked_until = :candle, high_water = :highWater, updated_at = :now
            where id = :id and status = 'ARMED' and checked_until < :candle
            """)
    int checked(@Bind("id") UUID id, @Bind("candle") Instant candle, @Bind("highWater") BigDecimal highWater,
            @Bind("now") Instant now);

    /** An armed protection a candle reached: 0 when it was not armed any more (fired or cancelled already). */
    @SqlUpdate("""
            update bot_orders set status = 'TRIGGERED', checked_until = :candle, reason = :reason, resolved_at = :now,
                updated_at = :now
            where id = :id and status = 'ARMED'
            """)
    int trigger(@Bind("id") UUID id, @Bind("candle") Instant candle, @Bind("reason") String reason,
            @Bind("now") Instant now);

    /** An armed protection cancelled by its bot (a sell, a new buy, a stop): nothing to ask the exchange. */
    @SqlUpdate("""
            update bot_orders set status = 'CANCELED', resolved_at = :now, updated_at = :now
            where id = :id and status = 'ARMED'
            """)
    int disarm(@Bind("id") UUID id, @Bind("now") Instant now);

    /** The bot's protective orders working on the exchange or held by it. */
    @SqlQuery("select " + COLUMNS + " from bot_orders where bot_id = :botId and type = 'PROTECT' "
            + "and status in ('OPEN', 'ARMED') order by seq")
    List<BotOrder> protections(@Bind("botId") UUID botId);

    /** What the bot's sells resting on the exchange (limits, protections) lock of its base: not free to sell. */
    @SqlQuery("""
            select coalesce(sum(sent_quantity - executed_quantity), 0) from bot_orders
            where bot_id = :botId and side = 'SELL' and type in ('LIMIT', 'PROTECT') and status = 'OPEN'
            """)
    BigDecimal heldBySells(@Bind("botId") UUID botId);

    /** The exchange's view of an order: after its acceptance, or when the reconciliation finds it. */
    @SqlUpdate("""
            update bot_orders set status = :status, exchange_order_id = :exchangeOrderId, exchange_status = :exchangeStatus,
                executed_quantity = :executed, cumulative_quote = :cumulativeQuote,
                answered_at = coalesce(answered_at, :now), updated_at = :now,
                resolved_at = case when :final then :now else resolved_at end
            where id = :id and status in ('SENDING', 'UNKNOWN', 'OPEN')
            """)
    int exchangeState(@Bind("id") UUID id, @Bind("status") BotOrderStatus status,
            @Bind("exchangeOrderId") Long exchangeOrderId, @Bind("exchangeStatus") String exchangeStatus,
            @Bind("executed") BigDecimal executed, @Bind("cumulativeQuote") BigDecimal cumulativeQuote,
            @Bind("final") boolean isFinal, @Bind("now") Instant now);

    @SqlUpdate("""
            update bot_orders set status = 'REJECTED', reject_code = :code, reject_message = :message,
                answered_at = :now, resolved_at = :now, updated_at = :now
            where id = :id and status = 'SENDING'
            """)
    int rejected(@Bind("id") UUID id, @Bind("code") int code, @Bind("message") String message, @Bind("now") Instant now);

    @SqlUpdate("""
            update bot_orders set status = 'UNKNOWN', unknown_reason = :reason, answered_at = :now, updated_at = :now
            where id = :id and status = 'SENDING'
            """)
    int unknown(@Bind("id") UUID id, @Bind("reason") String reason, @Bind("now") Instant now);

    @SqlUpdate("update bot_orders set lookup_misses = lookup_misses + 1, updated_at = :now where id = :id")
    int missed(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("""
            update bot_orders set status = 'NOT_PLACED', resolved_at = :now, updated_at = :now
            where id = :id and status in ('SENDING', 'UNKNOWN')
            """)
    int notPlaced(@Bind("id") UUID id, @Bind("now") Instant now);

    /** An order never sent, cancelled before it was. */
    @SqlUpdate("""
            update bot_orders set status = 'CANCELED', resolved_at = :now, updated_at = :now
            where id = :id and status = 'NEW'
            """)
    int cancelUnsent(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlQuery("select " + COLUMNS + " from bot_orders where bot_id = :botId and status in ('SENDING', 'UNKNOWN') order by seq")
    List<BotOrder> inDoubtOf(@Bind("botId") UUID botId);

    /** Its signal is not sent again if the order proves never placed (its bot's orders were cancelled). */
    @SqlUpdate("""
            update bot_orders set max_signal_age_ms = 0, updated_at = :now
            where id = :id and status in ('SENDING', 'UNKNOWN') and max_signal_age_ms > 0
            """)
    int noResend(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("update bot_orders set unknown_reason = :reason, updated_at = :now where id = :id")
    int note(@Bind("id") UUID id, @Bind("reason") String reason, @Bind("now") Instant now);
}
