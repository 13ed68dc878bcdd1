package app.tradebot.runtime;

import java.io.IOException;
import java.net.http.HttpResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A call TradeBot makes to AWS without an SDK (Secrets Manager, the container credentials endpoint, the Lambda
 * API) failed: the message says which call and why, and never holds a credential or a secret.
 */
public class AwsCallFailed extends RuntimeException {

    public AwsCallFailed(String message) {
        super(message);
    }

    public AwsCallFailed(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code who} could not be reached or gave no answer: the failure's type and message, never a request's content. */
    public static AwsCallFailed noAnswer(String who, IOException e) {
        return new AwsCallFailed(who + " did not answer (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }

    /**
     * A service's error answer: {@code call} (may be empty), the status, the service's error type and message (an
     * AWS error names the resource at most, never holds a secret's value).
     */
    public static AwsCallFailed answered(String call, HttpResponse<String> response) {
        String type = errorType(response);
        String message = errorField(response, "Message", "message");
        return new AwsCallFailed((call.isEmpty() ? "" : call + " ") + "answered " + response.statusCode()
                + (type.isEmpty() ? "" : " " + type) + (message.isEmpty() ? "" : ": " + message));
    }

    /** A server error or throttling (429, or a 400 whose error type says so): worth another attempt. */
    public static boolean retryable(HttpResponse<String> response) {
        int status = response.statusCode();
        return status >= 500 || status == 429 || (status == 400 && errorType(response).contains("Throttling"));
    }

    /**
     * The error type of the JSON protocols (__type) or of the REST ones (the x-amzn-ErrorType header), without the
     * namespace some answers prefix it with ("...#ResourceNotFoundException") or the link some suffix it with.
     */
    private static String errorType(HttpResponse<String> response) {
        String type = errorField(response, "__type", "code");
        if (type.isEmpty()) {
            type = response.headers().firstValue("x-amzn-ErrorType").orElse("");
        }
        type = type.contains("#") ? type.substring(type.indexOf('#') + 1) : type;
        return type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
    }

    private static String errorField(HttpResponse<String> response, String... names) {
        try {
            JsonNode json = JsonMapper.shared().readTree(response.body());
            for (String name : names) {
                JsonNode value = json == null ? null : json.get(name);
                if (value != null && value.isString()) {
                    return value.asString();
                }
            }
        }
        catch (JacksonException e) {
            // an error without the service's JSON: the status says enough
        }
        return "";
    }
}
