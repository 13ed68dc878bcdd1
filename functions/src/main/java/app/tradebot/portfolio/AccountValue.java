package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.util.List;

import app.tradebot.portfolio.PortfolioView.BalanceView;

/**
 * An account's balances valued in USDT: {@code valueUsdt} the sum of those with a price, {@code unpriced}
 * the assets without one. When the balances could not be read, {@code error} says why and the value is null.
 */
record AccountValue(List<BalanceView> balances, BigDecimal valueUsdt, List<String> unpriced, String error) {

    static AccountValue unreadable(String error) {
        return new AccountValue(List.of(), null, List.of(), error);
    }

    boolean readable() {
        return error == null;
    }
}
