package app.tradebot.auth;

import java.time.Instant;

/** Token ids signed out before they expire; remembered only until then. */
interface RevokedTokens {

    void revoke(String tokenId, Instant until);

    boolean isRevoked(String tokenId);
}
