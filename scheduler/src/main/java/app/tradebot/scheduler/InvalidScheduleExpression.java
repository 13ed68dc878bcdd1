package app.tradebot.scheduler;

/** A schedule expression EventBridge Scheduler would reject. */
final class InvalidScheduleExpression extends IllegalArgumentException {

    InvalidScheduleExpression(String expression, String reason) {
        super(expression + " is not a valid schedule expression: " + reason);
    }
}
