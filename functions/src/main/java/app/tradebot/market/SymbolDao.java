package app.tradebot.market;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.exchange.SymbolRules;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The symbols: {@code symbols} is the exchange's list (shared), {@code imported_symbols} the names each
 * user imported candles under. A user knows the listed ones and their own imported ones; where both
 * hold a name, the exchange's row is the one shown.
 */
@RegisterConstructorMapper(SymbolView.class)
interface SymbolDao extends SqlObject {

    /** The symbols {@code :userId} knows, as {@link SymbolView} columns. */
    String KNOWN = """
            (select symbol, base_asset, quote_asset, status, source, updated_at from symbols
             union all
             select i.symbol, i.base_asset, i.quote_asset, 'IMPORTED', 'import', i.created_at from imported_symbols i
             where i.user_id = :userId and not exists (select 1 from symbols s where s.symbol = i.symbol)
            ) known
            """;

    @SqlQuery("select * from " + KNOWN + "order by symbol")
    List<SymbolView> list(@Bind("userId") UUID userId);

    @SqlQuery("select * from " + KNOWN + "where symbol = :symbol")
    Optional<SymbolView> find(@Bind("userId") UUID userId, @Bind("symbol") String symbol);

    /** The symbol as the exchange lists it, when it does. */
    @SqlQuery("select symbol, base_asset, quote_asset, status, source, updated_at from symbols where symbol = :symbol")
    Optional<SymbolView> listed(@Bind("symbol") String symbol);

    /** The exchange's filters of a listed symbol ({@link SymbolRules#unfiltered} when it has none stored). */
    default Optional<SymbolRules> listedRules(String symbol) {
        return getHandle().createQuery("""
                select symbol, base_asset, quote_asset, status, tick_size, step_size, min_qty, max_qty, min_notional,
                    min_price, max_price, market_step_size, market_min_qty, market_max_qty, max_notional,
                    apply_min_to_market, apply_max_to_market, bid_multiplier_up, bid_multiplier_down, ask_multiplier_up,
                    ask_multiplier_down, max_num_orders
                from symbols where symbol = :symbol
                """)
                .bind("symbol", symbol)
                .map((rs, ctx) -> rs.getBigDecimal("tick_size") == null
                        ? SymbolRules.unfiltered(symbol, rs.getString("base_asset"), rs.getString("quote_asset"))
                        : new SymbolRules(symbol, rs.getString("base_asset"), rs.getString("quote_asset"),
                                rs.getString("status"), rs.getBigDecimal("tick_size"), rs.getBigDecimal("step_size"),
                                rs.getBigDecimal("min_qty"), rs.getBigDecimal("max_qty"), rs.getBigDecimal("min_notional"),
                                rs.getBigDecimal("min_price"), rs.getBigDecimal("max_price"),
                                rs.getBigDecimal("market_step_size"), rs.getBigDecimal("market_min_qty"),
                                rs.getBigDecimal("market_max_qty"), rs.getBigDecimal("max_notional"),
                                rs.getBoolean("apply_min_to_market"), rs.getBoolean("apply_max_to_market"),
                                rs.getBigDecimal("bid_multiplier_up"), rs.getBigDecimal("bid_multiplier_down"),
                                rs.getBigDecimal("ask_multiplier_up"), rs.getBigDecimal("ask_multiplier_down"),
                                rs.getInt("max_num_orders")))
                .findOne();
    }

    /** Registers a symbol the user imports candles under (its assets read from the name); known already: unchanged. */
    @SqlUpdate("""
            insert into imported_symbols (user_id, symbol, base_asset, quote_asset) values (:userId, :symbol, :base, :quote)
            on conflict (user_id, symbol) do nothing
            """)
    void imported(@Bind("userId") UUID userId, @Bind("symbol") String symbol, @Bind("base") String base,
            @Bind("quote") String quote);

    /** The exchange's list, as it last answered; its filters are kept for backtests and bots. */
    @SqlBatch("""
            insert into symbols (symbol, base_asset, quote_asset, status, source, updated_at, tick_size, min_price,
                max_price, step_size, min_qty, max_qty, market_step_size, market_min_qty, market_max_qty, min_notional,
                max_notional, apply_min_to_market, apply_max_to_market, bid_multiplier_up, bid_multiplier_down,
                ask_multiplier_up, ask_multiplier_down, max_num_orders)
            values (:symbol, :baseAsset, :quoteAsset, :status, 'exchange', now(), :tickSize, :minPrice, :maxPrice,
                :stepSize, :minQty, :maxQty, :marketStepSize, :marketMinQty, :marketMaxQty, :minNotional, :maxNotional,
                :applyMinToMarket, :applyMaxToMarket, :bidMultiplierUp, :bidMultiplierDown, :askMultiplierUp,
                :askMultiplierDown, :maxNumOrders)
            on conflict (symbol) do update set base_asset = excluded.base_asset, quote_asset = excluded.quote_asset,
                status = excluded.status, source = 'exchange', updated_at = now(), tick_size = excluded.tick_size,
                min_price = excluded.min_price, max_price = excluded.max_price, step_size = excluded.step_size,
                min_qty = excluded.min_qty, max_qty = excluded.max_qty, market_step_size = excluded.market_step_size,
                market_min_qty = excluded.market_min_qty, market_max_qty = excluded.market_max_qty,
                min_notional = excluded.min_notional, max_notional = excluded.max_notional,
                apply_min_to_market = excluded.apply_min_to_market, apply_max_to_market = excluded.apply_max_to_market,
                bid_multiplier_up = excluded.bid_multiplier_up, bid_multiplier_down = excluded.bid_multiplier_down,
                ask_multiplier_up = excluded.ask_multiplier_up, ask_multiplier_down = excluded.ask_multiplier_down,
                max_num_orders = excluded.max_num_orders
            """)
    void saveListed(@BindMethods Iterable<SymbolRules> symbols);

}
