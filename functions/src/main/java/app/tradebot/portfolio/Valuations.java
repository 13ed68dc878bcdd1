package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.tradebot.accounts.AccountExchanges;
import app.tradebot.accounts.OwnedAccount;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.OrderFilters;
import app.tradebot.portfolio.PortfolioView.BalanceView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values an account's balances, read through its {@code Exchange}: a paper account's from its ledger, a
 * Binance account's from the exchange. The one valuation behind the portfolio and the equity history.
 */
final class Valuations {

    static final String UNREACHABLE = "The exchange could not be reached: try again in a minute.";

    private static final Logger log = LoggerFactory.getLogger(Valuations.class);

    private final AccountExchanges accounts;

    Valuations(AccountExchanges accounts) {
        this.accounts = accounts;
    }

    AccountValue value(OwnedAccount account, UsdtPrices prices) {
        List<Balance> balances;
        try {
            balances = accounts.forAccount(account.userId(), account.id()).account().balances();
        }
        catch (AccountExchanges.UnreadableSecrets e) {
            log.warn("Balances of account {} not read: {}", account.id(), e.getMessage());
            return AccountValue.unreadable(e.getMessage());
        }
        catch (ExchangeException e) {
            log.warn("Balances of account {} not read: HTTP {} code {}: {}", account.id(), e.httpStatus(), e.code(), e.getMessage());
            // Without an answer from the exchange, its connection details are ours to know, not the caller's.
            return AccountValue.unreadable(e.httpStatus() == 0 && e.code() == 0 ? UNREACHABLE
                    : "The exchange refused to give the balances (" + e.code() + "): " + e.getMessage());
        }
        List<BalanceView> views = new ArrayList<>();
        List<String> unpriced = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Balance balance : balances) {
            Optional<BigDecimal> price = prices.of(balance.asset());
            BigDecimal value = price.map(p -> OrderFilters.plain(balance.free().add(balance.locked()).multiply(p))).orElse(null);
            if (value == null) {
                unpriced.add(balance.asset());
            }
            else {
                total = total.add(value);
            }
            views.add(new BalanceView(balance.asset(), balance.free(), balance.locked(), price.orElse(null), value));
        }
        return new AccountValue(views, OrderFilters.plain(total), unpriced, null);
    }
}
