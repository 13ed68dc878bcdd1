package app.tradebot.platform.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.tradebot.runtime.ConfigurationProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fernet keys from FERNET_KEYS (every key, the first encrypts) or else FERNET_KEY (the only key).
 * While rotating, FERNET_KEY may stay set as long as it is one of FERNET_KEYS. A missing key refuses
 * start-up in production; in development it is replaced by a random key that lasts as long as the
 * process, so secrets stored meanwhile cannot be read after a restart.
 */
final class FernetKeys {

    static final String GENERATE = "Generate a key with ./install.sh or python3 -c 'import base64, os; "
            + "print(base64.urlsafe_b64encode(os.urandom(32)).decode())' (url-safe base64 of 32 random bytes, 44 characters)";

    private static final Logger log = LoggerFactory.getLogger(FernetKeys.class);

    private FernetKeys() {
    }

    static Fernet resolve(String fernetKey, String fernetKeys, String environment) {
        boolean production = isProduction(environment);
        if (notBlank(fernetKeys)) {
            List<String> keys = new ArrayList<>();
            for (String key : fernetKeys.split(",", -1)) {
                keys.add(key.trim());
            }
            Fernet fernet = parse("FERNET_KEYS", keys);
            if (notBlank(fernetKey) && !keys.contains(fernetKey.trim())) {
                throw new ConfigurationProblem("FERNET_KEY", "is set but is not one of FERNET_KEYS",
                        "FERNET_KEYS lists every key (the first encrypts); add FERNET_KEY's value to it or unset FERNET_KEY.");
            }
            return fernet;
        }
        if (notBlank(fernetKey)) {
            return parse("FERNET_KEY", List.of(fernetKey.trim()));
        }
        if (production) {
            throw new ConfigurationProblem("FERNET_KEY", "is not set: in production TradeBot needs it to encrypt exchange API secrets",
                    "Set FERNET_KEY (or FERNET_KEYS while rotating keys). " + GENERATE + ".");
        }
        log.warn("FERNET_KEY is not set: encrypting exchange API secrets with a random key that lasts until this process "
                + "stops (development only; secrets stored meanwhile cannot be read after a restart)");
        return Fernet.of(List.of(Fernet.generateKey()));
    }

    private static Fernet parse(String variable, List<String> keys) {
        try {
            return Fernet.of(keys);
        }
        catch (IllegalArgumentException e) {
            // The message names the key's position, never its value.
            String problem = keys.size() == 1 ? e.getMessage().replace("Fernet key 1", "the key") : e.getMessage();
            throw new ConfigurationProblem(variable, problem, GENERATE + ".");
        }
    }

    private static boolean isProduction(String environment) {
        return environment != null && environment.trim().toLowerCase(Locale.ROOT).equals("production");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
