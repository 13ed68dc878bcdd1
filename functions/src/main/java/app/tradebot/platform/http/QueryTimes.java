package app.tradebot.platform.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** How routes read a time from a query parameter: ISO-8601 ({@code 2024-01-01T00:00:00Z}, any offset) or epoch milliseconds. */
public final class QueryTimes {

    public static final String MESSAGE = "must be an ISO-8601 time such as 2024-01-01T00:00:00Z or epoch milliseconds";

    private QueryTimes() {
    }

    /** The time, or null when {@code raw} is null; a malformed one adds the field's error and returns null. */
    public static Instant parse(String raw, String field, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        try {
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() <= 15) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            return OffsetDateTime.parse(value).toInstant();
        }
        catch (DateTimeParseException | NumberFormatException e) {
            errors.add(new FieldError(field, MESSAGE));
            return null;
        }
    }
}
