package app.tradebot.platform.http;

/** One offending input field of a 400 problem: {@code field} is a dotted path into the request body. */
public record FieldError(String field, String message) {
}
