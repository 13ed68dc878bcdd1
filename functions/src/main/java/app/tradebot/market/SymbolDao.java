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

    /** The exchange's word wins over an import's placeholder. */
    @SqlBatch("""
            insert into symbols (symbol, base_asset, quote_asset, status, source, updated_at)
            values (:symbol, :baseAsset, :quoteAsset, :status, 'exchange', now())
            on conflict (symbol) do update set base_asset = excluded.base_asset, quote_asset = excluded.quote_asset,
                status = excluded.status, source = 'exchange', updated_at = now()
            """)
    void saveListed(@BindMethods Iterable<SymbolRules> symbols);
}
