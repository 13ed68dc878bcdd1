package app.tradebot.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.audit.AuditEvent;
import app.tradebot.audit.AuditTrail;
import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Unauthorized;

/**
 * {@code login}: an access token for the right email and password. An unknown email and a wrong
 * password get the same 401 after the same work, so neither the answer nor its timing tells
 * whether an account exists. Every attempt is counted before the password is checked, per account
 * and per client address ({@link LoginAttempts}); too many failures end in 429.
 */
class Login implements ApiHandler<LoginRequest, LoginResponse> {

    private static final String UNKNOWN_IP = "unknown";

    private final UserDao users;
    private final Passwords passwords;
    private final AccessTokens tokens;
    private final LoginAttempts attempts;
    private final AuditTrail audit;
    private final Clock clock;

    Login(UserDao users, Passwords passwords, AccessTokens tokens, LoginAttempts attempts, AuditTrail audit, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.attempts = attempts;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public LoginResponse handle(LoginRequest body, ApiRequest request) {
        String ip = request.clientIp() == null ? UNKNOWN_IP : request.clientIp();
        attempts.begin(body.email(), ip);
        Optional<User> user = users.findByEmail(body.email());
        boolean matches = user.isPresent()
                ? passwords.matches(body.password(), user.get().passwordHash())
                : passwords.matchesNothing(body.password());
        if (!matches) {
            record(user.map(User::id).orElse(null), AuditTypes.LOGIN_FAILED, request);
            throw new Unauthorized("Wrong email or password.");
        }
        attempts.succeeded(body.email(), ip);
        if (passwords.needsRehash(user.get().passwordHash())) {
            // The one moment the password is known: its hash is brought up to today's cost.
            users.rehash(user.get().id(), user.get().passwordHash(), passwords.hash(body.password()));
        }
        AccessTokens.IssuedToken token = tokens.issue(user.get().id(), user.get().sessionsNotBefore());
        record(user.get().id(), AuditTypes.LOGIN, request);
        return LoginResponse.bearer(token.value(), token.expiresAt());
    }

    private void record(UUID userId, String type, ApiRequest request) {
        audit.record(new AuditEvent(UUID.randomUUID(), userId, type, request.clientIp(), request.userAgent(), clock.instant()));
    }
}
