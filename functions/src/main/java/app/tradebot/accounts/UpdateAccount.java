package app.tradebot.accounts;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.tradebot.exchange.ApiCredentials;
import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@code updateExchangeAccount}: renames an account, or rotates its keys (key and secret together). */
class UpdateAccount implements ApiHandler<UpdateAccountRequest, AccountView> {

    private static final String UNIQUE_VIOLATION = "23505";

    private final ExchangeAccountDao accounts;
    private final Fernet fernet;
    private final UnresolvedOrders unresolved;

    UpdateAccount(ExchangeAccountDao accounts, Fernet fernet, UnresolvedOrders unresolved) {
        this.accounts = accounts;
        this.fernet = fernet;
        this.unresolved = unresolved;
    }

    @Override
    public AccountView handle(UpdateAccountRequest body, ApiRequest request) {
        UUID userId = request.userId();
        UUID id = request.pathId("id");
        ExchangeAccount account = accounts.find(userId, id).orElseThrow(() -> Accounts.notFound(id));
        check(body, account);
        if (body.apiKey() != null && unresolved.any(id)) {
            // Those orders are looked up with the account's keys: new keys (perhaps of another Binance account)
            // could no longer find them.
            throw new Conflict("The API keys of exchange account " + id + " cannot change while bots have orders on it "
                    + "whose outcome is not settled (sent without an answer, or open on the exchange): stop the bots with "
                    + "cancelOrders, or wait for reconcileOrders to settle them, then change the keys.");
        }
        String keyEnc = null;
        String secretEnc = null;
        String hint = null;
        if (body.apiKey() != null) {
            ApiCredentials credentials = new ApiCredentials(body.apiKey(), body.apiSecret());
            keyEnc = fernet.encrypt(credentials.apiKey());
            secretEnc = fernet.encrypt(credentials.apiSecret());
            hint = ApiCredentials.hint(credentials.apiKey());
        }
        if (body.name() != null && accounts.nameTaken(userId, body.name(), id)) {
            throw taken(body.name());
        }
        try {
            return accounts.update(userId, id, body.name(), keyEnc, secretEnc, hint)
                    .map(AccountView::of)
                    // Deleted between the read and the write.
                    .orElseThrow(() -> Accounts.notFound(id));
        }
        catch (UnableToExecuteStatementException e) {
            // A concurrent rename took the name after the check above: the unique constraint decides.
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw taken(body.name());
            }
            throw e;
        }
    }

    private static void check(UpdateAccountRequest body, ExchangeAccount account) {
        List<FieldError> errors = new ArrayList<>();
        if (body.name() == null && body.apiKey() == null && body.apiSecret() == null) {
            throw new Invalid("Nothing to change: give a new name, or a new apiKey with its apiSecret.");
        }
        if (!account.venue().needsKeys()) {
            if (body.apiKey() != null) {
                errors.add(new FieldError("apiKey", "a paper account takes no API key"));
            }
            if (body.apiSecret() != null) {
                errors.add(new FieldError("apiSecret", "a paper account takes no API secret"));
            }
        }
        else if (body.apiKey() != null && body.apiSecret() == null) {
            errors.add(new FieldError("apiSecret", "is required with a new apiKey"));
        }
        else if (body.apiKey() == null && body.apiSecret() != null) {
            errors.add(new FieldError("apiKey", "is required with a new apiSecret"));
        }
        if (body.name() != null && body.name().isEmpty()) {
            errors.add(new FieldError("name", "must not be blank"));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(Accounts.INVALID_FIELDS, errors);
        }
    }

    private static Conflict taken(String name) {
        return new Conflict("You already have an exchange account named '" + name + "'.");
    }
}
