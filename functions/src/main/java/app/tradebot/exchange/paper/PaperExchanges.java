package app.tradebot.exchange.paper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.fill.FillCosts;
import org.jdbi.v3.core.Jdbi;

/** Paper accounts: opens them with their starting balances and gives each its {@link Exchange}. */
public final class PaperExchanges {

    private final MarketData market;
    private final Jdbi jdbi;
    private final PaperProperties properties;
    private final Clock clock;

    PaperExchanges(MarketData market, Jdbi jdbi, PaperProperties properties, Clock clock) {
        this.market = market;
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    public Exchange exchange(UUID accountId) {
        return new PaperExchange(accountId, market, jdbi, costs(), clock);
    }

    /** The fees and slippage of every paper account ({@code tradebot.exchange.paper.*}). */
    public FillCosts costs() {
        return FillCosts.ofBps(properties.takerFeeBps(), properties.makerFeeBps(), properties.slippageBps());
    }

    /**
     * The account replaying candles of one symbol ({@code rules}: its exchange filters, e.g. as the market
     * store keeps them) with these fees and slippage; the caller drives it with
     * {@link ReplayExchange#candleClosed}.
     */
    public ReplayExchange replay(UUID accountId, SymbolRules rules, FillCosts costs) {
        return new ReplayPaperExchange(accountId, market, jdbi, rules, costs);
    }

    /**
     * Checks the account's resting orders and protective exits against the closed one-minute candles since
     * they were last checked, filling what the fill model fills (the order path's reconciliation calls this
     * every minute, so resting orders fill without anyone reading the account).
     */
    public void sweep(UUID accountId) {
        new PaperExchange(accountId, market, jdbi, costs(), clock).sweep(null);
    }

    /**
     * Opens the account and credits the starting balances, once: opening it again changes nothing, so
     * a redelivered "account created" cannot credit twice.
     */
    public void open(UUID accountId, Map<String, BigDecimal> startingBalances) {
        startingBalances.forEach((asset, amount) -> {
            if (asset == null || !asset.matches("[A-Z0-9]{1,20}") || amount == null || amount.signum() < 0) {
                throw new IllegalArgumentException("A starting balance is an asset code and an amount of at least 0, not "
                        + asset + "=" + amount);
            }
        });
        jdbi.useTransaction(handle -> {
            PaperDao dao = handle.attach(PaperDao.class);
            if (dao.open(accountId) == 0) {
                return;
            }
            Instant now = clock.instant();
            new TreeMap<>(startingBalances).forEach((asset, amount) -> {
                if (amount.signum() > 0) {
                    dao.entry(accountId, asset, amount, BigDecimal.ZERO, "DEPOSIT", null, now);
                }
            });
        });
    }

    /** Deletes the account; its orders, trades and ledger entries go with it (on delete cascade). */
    public void close(UUID accountId) {
        jdbi.useHandle(handle -> handle.attach(PaperDao.class).close(accountId));
    }
}
