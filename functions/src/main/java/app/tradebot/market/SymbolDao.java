package app.tradebot.market;

import java.util.List;
import java.util.Optional;

import app.tradebot.exchange.SymbolRules;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(SymbolView.class)
interface SymbolDao {

    @SqlQuery("select symbol, base_asset, quote_asset, status, source, updated_at from symbols order by symbol")
    List<SymbolView> list();

    @SqlQuery("select symbol, base_asset, quote_asset, status, source, updated_at from symbols where symbol = :symbol")
    Optional<SymbolView> find(@Bind("symbol") String symbol);

    /** The exchange's word wins over an import's placeholder; its filters are kept for backtests. */
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
