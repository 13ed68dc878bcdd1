package app.tradebot.auth;

/** The audit event types the auth feature records. */
final class AuditTypes {

    static final String REGISTERED = "user.registered";
    static final String LOGIN = "user.login";
    static final String LOGIN_FAILED = "user.login_failed";
    static final String LOGOUT = "user.logout";
    static final String LOGOUT_EVERYWHERE = "user.logout_everywhere";
    static final String PASSWORD_CHANGED = "user.password_changed";

    private AuditTypes() {
    }
}
