package app.tradebot.runtime;

import java.util.regex.Pattern;

/**
 * The request id that ties together every log line of one API request: the gateway's, the
 * function's and the worker's when it handles a message the request published. It lives in the
 * logging MDC under {@value #MDC_KEY} and travels on queue messages as header {@value #MESSAGE_HEADER}.
 */
public final class RequestIds {

    public static final String MDC_KEY = "requestId";
    public static final String MESSAGE_HEADER = "x-request-id";

    // Anything else (too long, spaces, control characters) could forge or break log lines.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private RequestIds() {
    }

    /** Whether a request id that came from outside (a header) may be logged as it is. */
    public static boolean isSane(String id) {
        return id != null && SANE.matcher(id).matches();
    }
}
