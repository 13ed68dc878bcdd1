package app.tradebot.platform.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tradebot.crypto.*}, set from FERNET_KEY (one key) and FERNET_KEYS (comma list, the first
 * encrypts). {@link FernetKeys} checks them, knowing the environment.
 */
@ConfigurationProperties("tradebot.crypto")
record CryptoProperties(String fernetKey, String fernetKeys) {

    @Override
    public String toString() {
        // Keys must never reach a log.
        return "CryptoProperties[fernetKey=" + (fernetKey == null ? "unset" : "***") + ", fernetKeys="
                + (fernetKeys == null ? "unset" : "***") + "]";
    }
}
