package app.tradebot.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.http.Unauthorized;

/**
 * {@code changePassword}: with the current password, a new one; every session issued before, this
 * one included, is signed out, and the answer is a new token so the caller stays signed in. Wrong
 * current passwords count as failed sign-ins of the account ({@link LoginAttempts}), so a stolen
 * token cannot be used to guess it.
 */
class ChangePassword implements ApiHandler<ChangePasswordRequest, LoginResponse> {

    private final UserSessions users;
    private final UserReads reads;
    private final Passwords passwords;
    private final AccessTokens tokens;
    private final LoginAttempts attempts;
    private final AuditTrail audit;
    private final Clock clock;

    ChangePassword(UserSessions users, UserReads reads, Passwords passwords, AccessTokens tokens, LoginAttempts attempts,
            AuditTrail audit, Clock clock) {
        this.users = users;
        this.reads = reads;
        this.passwords = passwords;
        this.tokens = tokens;
        this.attempts = attempts;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public LoginResponse handle(ChangePasswordRequest body, ApiRequest request) {
        UUID userId = request.userId();
        User user = reads.findById(userId).orElseThrow(() -> new Unauthorized("Sign in to do this."));
        String ip = request.clientIp() == null ? "unknown" : request.clientIp();
        attempts.begin(user.email(), ip);
        if (!passwords.matches(body.currentPassword(), user.passwordHash())) {
            throw Invalid.field("currentPassword", "is not your password");
        }
        attempts.succeeded(user.email(), ip);
        Instant notBefore = Sessions.endNow(clock);
        if (!users.changePassword(userId, user.passwordHash(), passwords.hash(body.newPassword()), notBefore)) {
            throw new Conflict("The password was changed meanwhile; sign in again.");
        }
        audit.record(new AuditEvent(UUID.randomUUID(), userId, AuditTypes.PASSWORD_CHANGED, request.clientIp(),
                request.userAgent(), clock.instant()));
        AccessTokens.IssuedToken token = tokens.issue(userId, notBefore);
        return LoginResponse.bearer(token.value(), token.expiresAt());
    }
}
