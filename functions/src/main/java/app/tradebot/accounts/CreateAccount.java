package app.tradebot.accounts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Exchanges;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Venue;
import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code createExchangeAccount}: a paper account with its starting balances, or a Binance account with
 * its API key and secret, both encrypted before they are stored. A paper account's row and its ledger
 * are written in one transaction, so there is never one without the other.
 */
class CreateAccount implements ApiHandler<CreateAccountRequest, AccountView> {

    private static final Logger log = LoggerFactory.getLogger(CreateAccount.class);

    private final ExchangeAccountDao accounts;
    private final Exchanges exchanges;
    private final Fernet fernet;
    private final TransactionTemplate transactions;

    CreateAccount(ExchangeAccountDao accounts, Exchanges exchanges, Fernet fernet, TransactionTemplate transactions) {
        this.accounts = accounts;
        this.exchanges = exchanges;
        this.fernet = fernet;
        this.transactions = transactions;
    }

    @Override
    public AccountView handle(CreateAccountRequest body, ApiRequest request) {
        UUID userId = request.userId();
        Venue venue = Venue.fromKind(body.kind()).orElseThrow();
        UUID id = UUID.randomUUID();
        if (venue.needsKeys()) {
            return AccountView.of(insert(withKeys(id, userId, body, venue)));
        }
        Map<String, BigDecimal> balances = startingBalances(body);
        ExchangeAccount paper = new ExchangeAccount(id, userId, body.name(), venue.kind(), null, null, null, null, null, null);
        ExchangeAccount created = transactions.execute(status -> {
            ExchangeAccount row = insert(paper);
            exchanges.openPaperAccount(row.id(), balances);
            return row;
        });
        return AccountView.of(created);
    }

    private ExchangeAccount withKeys(UUID id, UUID userId, CreateAccountRequest body, Venue venue) {
        List<FieldError> errors = new ArrayList<>();
        if (body.apiKey() == null) {
            errors.add(new FieldError("apiKey", "is required for a " + venue.kind() + " account"));
        }
        if (body.apiSecret() == null) {
            errors.add(new FieldError("apiSecret", "is required for a " + venue.kind() + " account"));
        }
        if (body.balances() != null) {
            errors.add(new FieldError("balances", "only a paper account takes starting balances"));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(Accounts.INVALID_FIELDS, errors);
        }
        ApiCredentials credentials = new ApiCredentials(body.apiKey(), body.apiSecret());
        return new ExchangeAccount(id, userId, body.name(), venue.kind(), fernet.encrypt(credentials.apiKey()),
                fernet.encrypt(credentials.apiSecret()), ApiCredentials.hint(credentials.apiKey()), null, null, null);
    }

    private Map<String, BigDecimal> startingBalances(CreateAccountRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (body.apiKey() != null) {
            errors.add(new FieldError("apiKey", "a paper account takes no API key"));
        }
        if (body.apiSecret() != null) {
            errors.add(new FieldError("apiSecret", "a paper account takes no API secret"));
        }
        Map<String, BigDecimal> balances = body.balances() == null ? StartingBalances.DEFAULT : body.balances();
        errors.addAll(StartingBalances.errors(balances, Set.of()));
        if (errors.isEmpty()) {
            // Only well-formed balances are worth asking the exchange about.
            errors.addAll(StartingBalances.errors(balances, knownAssets()));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(Accounts.INVALID_FIELDS, errors);
        }
        return StartingBalances.normalized(balances);
    }

    /** The assets paper trading can price: every base and quote asset of the symbols Binance lists. */
    private Set<String> knownAssets() {
        try {
            Set<String> assets = new HashSet<>();
            for (SymbolRules symbol : exchanges.marketData(Venue.PAPER).symbols()) {
                assets.add(symbol.baseAsset());
                assets.add(symbol.quoteAsset());
            }
            return assets;
        }
        catch (ExchangeException e) {
            // Without the list, the form of the codes is still checked; an unlisted asset then just never trades.
            log.warn("Exchange symbols unavailable ({}): starting balances checked by form only", e.getMessage());
            return Set.of();
        }
    }

    private ExchangeAccount insert(ExchangeAccount account) {
        return accounts.insert(account.id(), account.userId(), account.name(), account.kind(), account.apiKeyEnc(),
                account.apiSecretEnc(), account.apiKeyHint())
                .orElseThrow(() -> new Conflict("You already have an exchange account named '" + account.name() + "'."));
    }
}
