package app.tradebot.accounts;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.exchange.ApiCredentials;
import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@code updateExchangeAccount}: renames an account, rotates its keys (key and secret together), or sets the
 * daily loss limit of its bots (an audit event: it decides when bots stop).
 */
class UpdateAccount implements ApiHandler<UpdateAccountRequest, AccountView> {

    private static final String UNIQUE_VIOLATION = "23505";
    static final String AUDIT_LOSS_LIMIT = "ACCOUNT_LOSS_LIMIT_CHANGED";

    private final ExchangeAccountDao accounts;
    private final Fernet fernet;
    private final UnresolvedOrders unresolved;
    private final AuditTrail audit;
    private final Clock clock;

    UpdateAccount(ExchangeAccountDao accounts, Fernet fernet, UnresolvedOrders unresolved, AuditTrail audit, Clock clock) {
        this.accounts = accounts;
        this.fernet = fernet;
        this.unresolved = unresolved;
        this.audit = audit;
        this.clock = clock;
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
            AccountView updated = accounts.update(userId, id, body.name(), keyEnc, secretEnc, hint, body.dailyLossLimitQuote())
                    .map(AccountView::of)
                    // Deleted between the read and the write.
                    .orElseThrow(() -> Accounts.notFound(id));
            if (body.dailyLossLimitQuote() != null) {
                audit.record(new AuditEvent(UUID.randomUUID(), userId, AUDIT_LOSS_LIMIT, request.clientIp(), request.userAgent(),
                        clock.instant(), request.requestId(), "exchange account " + id + ": daily loss limit "
                                + (updated.dailyLossLimitQuote() == null ? "removed" : updated.dailyLossLimitQuote().toPlainString())));
            }
            return updated;
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
        if (body.name() == null && body.apiKey() == null && body.apiSecret() == null && body.dailyLossLimitQuote() == null) {
            throw new Invalid("Nothing to change: give a new name, a new apiKey with its apiSecret, or a dailyLossLimitQuote.");
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
