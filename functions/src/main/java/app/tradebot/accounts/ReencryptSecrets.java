package app.tradebot.accounts;

import java.util.List;
import java.util.UUID;

import app.tradebot.platform.crypto.Fernet;
import app.tradebot.platform.crypto.InvalidFernetToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reencryptSecrets}: after a new key is put first in FERNET_KEYS, moves every stored API key
 * and secret to it, so the old key can be dropped. Safe to run any time and any number of times:
 * tokens already under the first key are left as they are.
 */
class ReencryptSecrets {

    static final int PAGE = 200;

    private static final Logger log = LoggerFactory.getLogger(ReencryptSecrets.class);

    private final ExchangeAccountDao accounts;
    private final Fernet fernet;
    private final int pageSize;

    ReencryptSecrets(ExchangeAccountDao accounts, Fernet fernet) {
        this(accounts, fernet, PAGE);
    }

    ReencryptSecrets(ExchangeAccountDao accounts, Fernet fernet, int pageSize) {
        this.accounts = accounts;
        this.fernet = fernet;
        this.pageSize = pageSize;
    }

    /** How many accounts' keys were moved to the first key, were there already, or decrypt under no key. */
    record Outcome(int reencrypted, int current, int unreadable) {
    }

    Outcome run() {
        int reencrypted = 0;
        int current = 0;
        int unreadable = 0;
        UUID after = new UUID(0, 0);
        List<ExchangeAccount> page;
        do {
            page = accounts.withKeysAfter(after, pageSize);
            for (ExchangeAccount account : page) {
                after = account.id();
                try {
                    if (fernet.isCurrent(account.apiKeyEnc()) && fernet.isCurrent(account.apiSecretEnc())) {
                        current++;
                        continue;
                    }
                    String key = fernet.rotate(account.apiKeyEnc());
                    String secret = fernet.rotate(account.apiSecretEnc());
                    // 0 rows: the user changed the keys meanwhile, and new keys are under the first key already.
                    if (accounts.replaceTokens(account.id(), account.apiKeyEnc(), account.apiSecretEnc(), key, secret) == 1) {
                        reencrypted++;
                    }
                    else {
                        current++;
                    }
                }
                catch (InvalidFernetToken e) {
                    unreadable++;
                    log.warn("The API keys of exchange account {} decrypt under none of the configured Fernet keys; "
                            + "left as they are (the user must enter them again, or the old key must be added to FERNET_KEYS)",
                            account.id());
                }
            }
        } while (page.size() == pageSize);
        Outcome outcome = new Outcome(reencrypted, current, unreadable);
        log.info("Re-encrypted the API keys of {} exchange accounts under the first of {} Fernet keys ({} already were, {} unreadable)",
                reencrypted, fernet.keyCount(), current, unreadable);
        return outcome;
    }
}
