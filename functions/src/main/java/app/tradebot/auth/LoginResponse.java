package app.tradebot.auth;

import java.time.Instant;

/** The access token for {@code Authorization: Bearer <accessToken>} until {@code expiresAt}. */
record LoginResponse(String accessToken, String tokenType, Instant expiresAt) {

    static LoginResponse bearer(String accessToken, Instant expiresAt) {
        return new LoginResponse(accessToken, "bearer", expiresAt);
    }
}
