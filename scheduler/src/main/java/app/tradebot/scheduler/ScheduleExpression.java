package app.tradebot.scheduler;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * An EventBridge Scheduler schedule expression: {@code rate(...)}, {@code cron(...)} or
 * {@code at(...)}. Ticks are whole instants; {@link #next} is strictly after its argument.
 */
sealed interface ScheduleExpression permits RateExpression, CronExpression, AtExpression {

    /** The first tick strictly after {@code after}, evaluated in {@code zone}; empty when the schedule has ended. */
    Optional<Instant> next(Instant after, ZoneId zone);

    static ScheduleExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidScheduleExpression(String.valueOf(expression), "the expression is empty");
        }
        String text = expression.strip();
        if (!text.endsWith(")")) {
            throw new InvalidScheduleExpression(text, "expected rate(...), cron(...) or at(...)");
        }
        if (text.startsWith("rate(")) {
            return RateExpression.parse(text, text.substring(5, text.length() - 1));
        }
        if (text.startsWith("cron(")) {
            return CronExpression.parse(text, text.substring(5, text.length() - 1));
        }
        if (text.startsWith("at(")) {
            return AtExpression.parse(text, text.substring(3, text.length() - 1));
        }
        throw new InvalidScheduleExpression(text, "expected rate(...), cron(...) or at(...)");
    }
}
