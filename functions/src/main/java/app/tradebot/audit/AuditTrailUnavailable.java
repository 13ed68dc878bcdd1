package app.tradebot.audit;

/** The broker did not confirm an audit event: the caller must not carry on as if it were recorded. */
public class AuditTrailUnavailable extends RuntimeException {

    AuditTrailUnavailable(String message) {
        super(message);
    }

    AuditTrailUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
