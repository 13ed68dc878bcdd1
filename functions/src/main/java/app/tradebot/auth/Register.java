package app.tradebot.auth;

import java.time.Clock;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Conflict;

/** {@code register}: a new account for an email nobody has taken. */
class Register implements ApiHandler<RegisterRequest, UserView> {

    private final UserDao users;
    private final Passwords passwords;
    private final AuditTrail audit;
    private final Clock clock;

    Register(UserDao users, Passwords passwords, AuditTrail audit, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public UserView handle(RegisterRequest body, ApiRequest request) {
        String hash = passwords.hash(body.password());
        User user = users.insert(UUID.randomUUID(), body.email(), hash)
                .orElseThrow(() -> new Conflict("An account with this email already exists."));
        audit.record(new AuditEvent(UUID.randomUUID(), user.id(), AuditTypes.REGISTERED,
                request.clientIp(), request.userAgent(), clock.instant()));
        return UserView.of(user);
    }
}
