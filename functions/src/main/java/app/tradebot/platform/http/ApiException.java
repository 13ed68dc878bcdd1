package app.tradebot.platform.http;

import java.util.List;
import java.util.Map;

/**
 * A failure that is the caller's to fix, with the HTTP meaning it carries. Throw one of the
 * specific subclasses; {@link Problems} renders it. Its message is shown to the caller as the
 * problem's detail, so it must never hold internals.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;

    protected ApiException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    /** Field errors of a 400; empty otherwise. */
    public List<FieldError> errors() {
        return List.of();
    }

    /** Headers the status calls for, such as WWW-Authenticate or Retry-After. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
