package app.tradebot.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.accounts.OwnedAccount;
import app.tradebot.market.LatestCloses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes accounts' equity (their balances valued in USDT, {@link Valuations}) into the equity history: every
 * account on the schedule, one account after each fill of its bots. An account whose balances cannot be read
 * now gets no snapshot rather than a wrong one.
 */
final class SnapshotEquity {

    private static final Logger log = LoggerFactory.getLogger(SnapshotEquity.class);

    private final AccountExchanges accounts;
    private final Valuations valuations;
    private final LatestCloses closes;
    private final EquityDao equity;
    private final Clock clock;

    SnapshotEquity(AccountExchanges accounts, Valuations valuations, LatestCloses closes, EquityDao equity, Clock clock) {
        this.accounts = accounts;
        this.valuations = valuations;
        this.closes = closes;
        this.equity = equity;
        this.clock = clock;
    }

    /** Every account; returns how many got a snapshot. */
    int all() {
        // each user's accounts are valued at the prices that user sees (their own imports among them)
        Map<UUID, UsdtPrices> prices = new HashMap<>();
        int[] written = { 0 };
        accounts.forEach(account -> written[0] += snapshot(account,
                prices.computeIfAbsent(account.userId(), user -> new UsdtPrices(closes, user))) ? 1 : 0);
        return written[0];
    }

    /** One account (gone meanwhile: nothing). */
    boolean one(UUID accountId) {
        return accounts.byId(accountId).map(account -> snapshot(account, new UsdtPrices(closes, account.userId()))).orElse(false);
    }

    private boolean snapshot(OwnedAccount account, UsdtPrices prices) {
        try {
            AccountValue value = valuations.value(account, prices);
            if (!value.readable()) {
                return false;
            }
            Instant at = clock.instant();
            equity.insert(account.id(), account.userId(), at, value.valueUsdt(), value.unpriced().toArray(String[]::new));
            return true;
        }
        catch (RuntimeException e) {
            // one account's failure leaves the others' snapshots
            log.warn("Equity of account {} not snapshotted: {}", account.id(), e.toString());
            return false;
        }
    }
}
