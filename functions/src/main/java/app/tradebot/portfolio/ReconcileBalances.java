package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.accounts.OwnedAccount;
import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.bots.BotMarks;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.OrderFilters;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.market.CandleHistory;
import app.tradebot.orders.BotOrders;
import app.tradebot.orders.FillView;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a Binance account's balances with what its bots account for, and records each difference as a
 * drift (and an audit event):
 * <ul>
 * <li>{@link BalanceDrift.Kind#UNEXPLAINED}: since the last reconciliation, an asset's balance (free plus
 * locked) moved by other than the bots' fills in between (bought and sold quantities, quote amounts and
 * commissions): a deposit, a withdrawal, a trade by hand;</li>
 * <li>{@link BalanceDrift.Kind#SHORTFALL}: the account holds less of an asset than its bots' positions add
 * up to (recorded again only when the figures change).</li>
 * </ul>
 * While an order of the account is unsettled, or a fill is stored during the reading, the balances and the
 * fills may not tell the same moment: the account is left to the next run. Paper accounts cannot drift:
 * their balances are their ledger's fills and fees.
 */
final class ReconcileBalances {

    static final String AUDIT_TYPE = "balance_drift";

    /** What became of one account. */
    enum Outcome {
        /** Compared (the drifts found, if any, recorded). */
        RECONCILED,
        /** Orders or fills were moving, or the exchange did not answer: the next run tries again. */
        POSTPONED,
        /** A paper account: nothing to compare. */
        SKIPPED
    }

    private static final Logger log = LoggerFactory.getLogger(ReconcileBalances.class);

    private final AccountExchanges accounts;
    private final BotOrders orders;
    private final BotMarks marks;
    private final CandleHistory history;
    private final Jdbi jdbi;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    ReconcileBalances(AccountExchanges accounts, BotOrders orders, BotMarks marks, CandleHistory history, Jdbi jdbi,
            AuditTrail audit, JsonMapper json, Clock clock) {
        this.accounts = accounts;
        this.orders = orders;
        this.marks = marks;
        this.history = history;
        this.jdbi = jdbi;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** Every Binance account; returns how many were compared. */
    int all() {
        int[] reconciled = { 0 };
        accounts.forEach(account -> {
            try {
                reconciled[0] += reconcile(account) == Outcome.RECONCILED ? 1 : 0;
            }
            catch (RuntimeException e) {
                // one account's failure leaves the others compared
                log.warn("Balances of account {} not reconciled: {}", account.id(), e.toString());
            }
        });
        return reconciled[0];
    }

    Outcome reconcile(UUID accountId) {
        return accounts.byId(accountId).map(this::reconcile).orElse(Outcome.SKIPPED);
    }

    Outcome reconcile(OwnedAccount account) {
        if (!account.venue().needsKeys()) {
            return Outcome.SKIPPED;
        }
        long fillSeq = orders.lastFillSeq(account.id());
        if (orders.unresolvedOnAccount(account.id())) {
            log.debug("Balances of account {} not reconciled now: an order is unsettled", account.id());
            return Outcome.POSTPONED;
        }
        Map<String, BigDecimal> actual;
        try {
            actual = totals(accounts.forAccount(account.userId(), account.id()).account().balances());
        }
        catch (ExchangeException | AccountExchanges.UnreadableSecrets e) {
            log.warn("Balances of account {} not read: {}", account.id(), e.getMessage());
            return Outcome.POSTPONED;
        }
        if (orders.unresolvedOnAccount(account.id()) || orders.lastFillSeq(account.id()) != fillSeq) {
            log.debug("Balances of account {} not reconciled now: orders moved while they were read", account.id());
            return Outcome.POSTPONED;
        }
        Instant now = clock.instant();
        Map<String, SymbolRules> rules = new HashMap<>();
        List<BalanceDrift> drifts = new ArrayList<>();
        Optional<BalanceDao.Baseline> baseline = jdbi.withExtension(BalanceDao.class, dao -> dao.baseline(account.id()));
        if (baseline.isPresent()) {
            Optional<Map<String, BigDecimal>> expected = expected(account, baseline.get(), fillSeq, rules);
            if (expected.isEmpty()) {
                return Outcome.POSTPONED;
            }
            TreeSet<String> assets = new TreeSet<>(expected.get().keySet());
            assets.addAll(actual.keySet());
            for (String asset : assets) {
                BigDecimal want = expected.get().getOrDefault(asset, BigDecimal.ZERO);
                BigDecimal have = actual.getOrDefault(asset, BigDecimal.ZERO);
                if (want.compareTo(have) != 0) {
                    drifts.add(new BalanceDrift(UUID.randomUUID(), account.id(), account.userId(), asset,
                            BalanceDrift.Kind.UNEXPLAINED, OrderFilters.plain(want), OrderFilters.plain(have), now));
                }
            }
        }
        for (Map.Entry<String, BigDecimal> held : believed(account, rules).entrySet()) {
            BigDecimal have = actual.getOrDefault(held.getKey(), BigDecimal.ZERO);
            if (have.compareTo(held.getValue()) < 0) {
                BalanceDrift shortfall = new BalanceDrift(UUID.randomUUID(), account.id(), account.userId(), held.getKey(),
                        BalanceDrift.Kind.SHORTFALL, OrderFilters.plain(held.getValue()), OrderFilters.plain(have), now);
                Optional<BalanceDrift> last = jdbi.withExtension(BalanceDao.class,
                        dao -> dao.latest(account.id(), held.getKey(), BalanceDrift.Kind.SHORTFALL));
                if (last.isEmpty() || last.get().expected().compareTo(shortfall.expected()) != 0
                        || last.get().actual().compareTo(shortfall.actual()) != 0) {
                    drifts.add(shortfall);
                }
            }
        }
        Map<String, String> stored = new TreeMap<>();
        actual.forEach((asset, amount) -> stored.put(asset, amount.toPlainString()));
        jdbi.useTransaction(h -> {
            BalanceDao dao = h.attach(BalanceDao.class);
            for (BalanceDrift drift : drifts) {
                dao.insert(drift.id(), drift.accountId(), drift.userId(), drift.asset(), drift.kind(), drift.expected(),
                        drift.actual(), drift.at());
                audit.record(h, new AuditEvent(UUID.randomUUID(), account.userId(), AUDIT_TYPE, null, null, now, null,
                        "account " + account.id() + " " + drift.describe()));
            }
            dao.saveBaseline(account.id(), json.writeValueAsString(stored), fillSeq, now);
        });
        if (!drifts.isEmpty()) {
            log.info("Balances of account {} drifted: {}", account.id(), drifts.stream().map(BalanceDrift::describe).toList());
        }
        return Outcome.RECONCILED;
    }

    /** The baseline moved by every fill stored after it, up to {@code fillSeq}; empty when a fill's assets are not known. */
    private Optional<Map<String, BigDecimal>> expected(OwnedAccount account, BalanceDao.Baseline baseline, long fillSeq,
            Map<String, SymbolRules> rules) {
        Map<String, BigDecimal> expected = new HashMap<>();
        json.readValue(baseline.balances(), new TypeReference<Map<String, String>>() {
        }).forEach((asset, amount) -> expected.put(asset, new BigDecimal(amount)));
        for (FillView fill : orders.accountFills(account.id(), baseline.fillSeq())) {
            if (fill.seq() > fillSeq) {
                break;
            }
            SymbolRules symbol = rules.computeIfAbsent(fill.symbol(), name -> history.rules(account.userId(), name));
            if (symbol.baseAsset() == null || symbol.quoteAsset() == null) {
                log.warn("Balances of account {} not reconciled: the assets of {} are not known", account.id(), fill.symbol());
                return Optional.empty();
            }
            boolean buy = fill.side() == Side.BUY;
            expected.merge(symbol.baseAsset(), buy ? fill.quantity() : fill.quantity().negate(), BigDecimal::add);
            expected.merge(symbol.quoteAsset(), buy ? fill.quoteQuantity().negate() : fill.quoteQuantity(), BigDecimal::add);
            expected.merge(fill.commissionAsset(), fill.commission().negate(), BigDecimal::add);
        }
        return Optional.of(expected);
    }

    /** What the account's bots hold, by base asset. */
    private Map<String, BigDecimal> believed(OwnedAccount account, Map<String, SymbolRules> rules) {
        Map<String, BigDecimal> held = new TreeMap<>();
        for (BotMarks.Marked bot : marks.ofUser(account.userId(), clock.instant())) {
            if (!bot.accountId().equals(account.id()) || bot.position().quantity().signum() <= 0) {
                continue;
            }
            String base = rules.computeIfAbsent(bot.symbol(), name -> history.rules(account.userId(), name)).baseAsset();
            if (base != null) {
                held.merge(base, bot.position().quantity(), BigDecimal::add);
            }
        }
        return held;
    }

    private static Map<String, BigDecimal> totals(List<Balance> balances) {
        Map<String, BigDecimal> totals = new HashMap<>();
        for (Balance balance : balances) {
            totals.merge(balance.asset(), balance.free().add(balance.locked()), BigDecimal::add);
        }
        totals.values().removeIf(amount -> amount.signum() == 0);
        return totals;
    }
}
