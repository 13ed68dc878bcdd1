package app.tradebot.auth;

import java.time.Clock;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Unauthorized;

/**
 * {@code logoutEverywhere}: every access token of the user, this one included, stops working now:
 * the authorizer refuses tokens issued before the user's {@code sessions_not_before}.
 */
class LogoutEverywhere implements ApiHandler<Void, Void> {

    private final UserSessions users;
    private final AuditTrail audit;
    private final Clock clock;

    LogoutEverywhere(UserSessions users, AuditTrail audit, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Void handle(Void body, ApiRequest request) {
        UUID userId = request.userId();
        if (!users.signOutEverywhere(userId, Sessions.endNow(clock))) {
            throw new Unauthorized("Sign in to do this.");
        }
        audit.record(new AuditEvent(UUID.randomUUID(), userId, AuditTypes.LOGOUT_EVERYWHERE, request.clientIp(),
                request.userAgent(), clock.instant()));
        return null;
    }
}
