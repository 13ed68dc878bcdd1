package app.tradebot.accounts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.Exchanges;
import app.tradebot.exchange.Venue;
import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.crypto.InvalidFernetToken;
import app.tradebot.platform.http.NotFound;

/**
 * The {@link Exchange} of a user's exchange account, for the features that trade through one (bots,
 * orders): the keys are decrypted for this exchange only and never leave it.
 */
public class AccountExchanges {

    private static final int PAGE = 200;

    private final ExchangeAccountDao accounts;
    private final Exchanges exchanges;
    private final Fernet fernet;

    AccountExchanges(ExchangeAccountDao accounts, Exchanges exchanges, Fernet fernet) {
        this.accounts = accounts;
        this.exchanges = exchanges;
        this.fernet = fernet;
    }

    /**
     * @throws NotFound            when the user has no such account (another user's is not found either)
     * @throws UnreadableSecrets   when the stored keys do not decrypt under the configured Fernet keys
     */
    public Exchange forAccount(UUID userId, UUID accountId) {
        ExchangeAccount account = accounts.find(userId, accountId).orElseThrow(() -> Accounts.notFound(accountId));
        return exchange(account);
    }

    /**
     * Where the user's account trades.
     *
     * @throws NotFound when the user has no such account (another user's is not found either)
     */
    public Venue venue(UUID userId, UUID accountId) {
        return accounts.find(userId, accountId).orElseThrow(() -> Accounts.notFound(accountId)).venue();
    }

    /** The loss the account's bots may make in a UTC day, in their quote asset; empty when it has no limit. */
    public Optional<BigDecimal> dailyLossLimit(UUID userId, UUID accountId) {
        return accounts.find(userId, accountId).map(ExchangeAccount::dailyLossLimitQuote);
    }

    /** The user's accounts, oldest first. */
    public List<OwnedAccount> ofUser(UUID userId) {
        return accounts.list(userId).stream().map(OwnedAccount::of).toList();
    }

    /**
     * The user's account.
     *
     * @throws NotFound when the user has no such account (another user's is not found either)
     */
    public OwnedAccount find(UUID userId, UUID accountId) {
        return accounts.find(userId, accountId).map(OwnedAccount::of).orElseThrow(() -> Accounts.notFound(accountId));
    }

    /** The account of whichever user, for a job that was handed its id. */
    public Optional<OwnedAccount> byId(UUID accountId) {
        return accounts.findById(accountId).map(OwnedAccount::of);
    }

    /** Every user's accounts in id order, read a page at a time: for the jobs that visit each one. */
    public void forEach(Consumer<OwnedAccount> visit) {
        UUID after = null;
        while (true) {
            List<ExchangeAccount> page = accounts.after(after, PAGE);
            page.forEach(account -> visit.accept(OwnedAccount.of(account)));
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    Exchange exchange(ExchangeAccount account) {
        if (!account.venue().needsKeys()) {
            return exchanges.paper(account.id());
        }
        return exchanges.binance(account.venue(), account.id(), credentials(account));
    }

    ApiCredentials credentials(ExchangeAccount account) {
        try {
            return new ApiCredentials(fernet.decrypt(account.apiKeyEnc()), fernet.decrypt(account.apiSecretEnc()));
        }
        catch (InvalidFernetToken e) {
            throw new UnreadableSecrets(account.id());
        }
    }

    /** The account's keys were encrypted under a Fernet key that is no longer configured: enter them again. */
    public static class UnreadableSecrets extends RuntimeException {

        UnreadableSecrets(UUID accountId) {
            super("The API keys of exchange account " + accountId
                    + " cannot be decrypted with the configured FERNET_KEY/FERNET_KEYS: enter them again.");
        }
    }
}
