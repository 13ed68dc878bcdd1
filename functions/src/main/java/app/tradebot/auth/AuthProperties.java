package app.tradebot.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tradebot.auth.*}, set from SECRET_KEY, ALGORITHM and ACCESS_TOKEN_EXPIRE_MINUTES.
 * The secret key's presence and length are checked by {@link SigningKeys}, which knows the environment.
 */
@ConfigurationProperties("tradebot.auth")
record AuthProperties(
        String secretKey,
        @DefaultValue("HS512") String algorithm,
        @DefaultValue("10080") long accessTokenExpireMinutes) {

    static final String ALGORITHM = "HS512";

    AuthProperties {
        if (!ALGORITHM.equals(algorithm)) {
            throw new IllegalArgumentException("ALGORITHM (tradebot.auth.algorithm) is '" + algorithm
                    + "' but TradeBot signs and accepts access tokens only with HS512: unset it or set it to HS512");
        }
        if (accessTokenExpireMinutes <= 0) {
            throw new IllegalArgumentException("ACCESS_TOKEN_EXPIRE_MINUTES (tradebot.auth.access-token-expire-minutes) must be positive, not "
                    + accessTokenExpireMinutes);
        }
    }

    @Override
    public String toString() {
        // The key must never reach a log.
        return "AuthProperties[secretKey=" + (secretKey == null ? "unset" : "***") + ", algorithm=" + algorithm
                + ", accessTokenExpireMinutes=" + accessTokenExpireMinutes + "]";
    }
}
