package app.tradebot.accounts;

import java.util.List;

import app.tradebot.exchange.Balance;

/**
 * {@code POST /api/accounts/{id}/test}: whether the keys work ({@code ok}), may trade and — a warning —
 * may withdraw. A refusal by the exchange is a result, not an error: {@code error} carries its code
 * and message. {@code balances} are the account's non-zero balances when the call worked.
 */
record AccountTestResult(boolean ok, boolean canTrade, boolean canWithdraw, List<String> warnings, AccountTestError error,
        List<Balance> balances) {

    /** The exchange's error code (Binance's -2015, …; 0 when it sent none or could not be reached) and message. */
    record AccountTestError(int code, String message) {
    }
}
