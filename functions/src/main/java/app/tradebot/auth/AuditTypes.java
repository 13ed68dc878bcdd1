package app.tradebot.auth;

/** The audit event types the auth feature records. */
final class AuditTypes {

    static final String REGISTERED = "user.registered";
    static final String LOGIN = "user.login";
    static final String LOGIN_FAILED = "user.login_failed";
    static final String LOGOUT = "user.logout";

    private AuditTypes() {
    }
}
