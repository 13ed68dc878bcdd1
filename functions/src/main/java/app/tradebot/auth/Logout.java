package app.tradebot.auth;

import java.time.Clock;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Unauthorized;

/** {@code logout}: the token this request came with stops working now instead of at its expiry. */
class Logout implements ApiHandler<Void, Void> {

    private final AccessTokens tokens;
    private final AuditTrail audit;
    private final Clock clock;

    Logout(AccessTokens tokens, AuditTrail audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Void handle(Void body, ApiRequest request) {
        UUID userId = request.userId();
        String token = request.bearerToken().orElseThrow(() -> new Unauthorized("Sign in to do this."));
        AccessTokens.VerifiedToken verified;
        try {
            verified = tokens.verify(token);
        }
        catch (InvalidToken e) {
            throw new Unauthorized("Sign in to do this.");
        }
        if (!verified.userId().equals(userId)) {
            throw new Unauthorized("Sign in to do this.");
        }
        tokens.revoke(verified);
        audit.record(new AuditEvent(UUID.randomUUID(), userId, AuditTypes.LOGOUT, request.clientIp(), request.userAgent(), clock.instant()));
        return null;
    }
}
