package app.tradebot.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.tradebot.exchange.AccountSnapshot;
import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code testExchangeAccount}: asks the exchange whether the keys work, may trade and may withdraw.
 * Keys the exchange refuses are the answer the caller wants, so they are reported in the body (200),
 * with the exchange's code and message, not as an error status.
 */
class TestAccount implements ApiHandler<Void, AccountTestResult> {

    static final String WITHDRAWALS = "Withdrawals are enabled for this API key. TradeBot never withdraws: "
            + "turn withdrawals off for the key on the exchange.";
    static final String UNREACHABLE = "The exchange could not be reached: try again in a minute.";
    static final String NO_TRADING = "This API key cannot trade: enable spot trading for it on the exchange.";

    private static final Logger log = LoggerFactory.getLogger(TestAccount.class);

    private final ExchangeAccountDao accounts;
    private final AccountExchanges exchanges;

    TestAccount(ExchangeAccountDao accounts, AccountExchanges exchanges) {
        this.accounts = accounts;
        this.exchanges = exchanges;
    }

    @Override
    public AccountTestResult handle(Void body, ApiRequest request) {
        UUID id = request.pathId("id");
        ExchangeAccount account = accounts.find(request.userId(), id).orElseThrow(() -> Accounts.notFound(id));
        ApiCredentials credentials = null;
        try {
            if (account.venue().needsKeys()) {
                credentials = exchanges.credentials(account);
            }
            Exchange exchange = exchanges.exchange(account);
            AccountSnapshot snapshot = exchange.account();
            KeyPermissions permissions = account.venue().needsKeys() ? exchange.permissions() : new KeyPermissions(true, true, false);
            boolean canTrade = snapshot.canTrade() && permissions.canTrade();
            // The key's own restriction: Binance's account-level canWithdraw is true for nearly every account.
            boolean canWithdraw = permissions.canWithdraw();
            List<String> warnings = new ArrayList<>();
            if (canWithdraw) {
                warnings.add(WITHDRAWALS);
            }
            if (!canTrade) {
                warnings.add(NO_TRADING);
            }
            return new AccountTestResult(true, canTrade, canWithdraw, warnings, null, snapshot.balances());
        }
        catch (AccountExchanges.UnreadableSecrets e) {
            log.warn("Exchange account {} was tested but its keys do not decrypt under the configured Fernet keys", id);
            return failure(0, e.getMessage(), null);
        }
        catch (ExchangeException e) {
            log.info("Exchange account {} ({}) failed its test: HTTP {} code {}: {}", id, account.kind(), e.httpStatus(), e.code(),
                    scrub(e.getMessage(), credentials));
            // Without an answer from the exchange, its connection details are ours to know, not the caller's.
            String message = e.httpStatus() == 0 && e.code() == 0 ? UNREACHABLE : e.getMessage();
            return failure(e.code(), message, credentials);
        }
    }

    private static AccountTestResult failure(int code, String message, ApiCredentials credentials) {
        return new AccountTestResult(false, false, false, List.of(), new AccountTestResult.AccountTestError(code, scrub(message, credentials)),
                List.of());
    }

    /** An exchange's message should never quote the keys; if one ever did, they go no further. */
    static String scrub(String message, ApiCredentials credentials) {
        if (message == null) {
            return "The exchange refused the request.";
        }
        String scrubbed = message;
        if (credentials != null) {
            scrubbed = scrubbed.replace(credentials.apiSecret(), "***").replace(credentials.apiKey(), "***");
        }
        return scrubbed;
    }
}
