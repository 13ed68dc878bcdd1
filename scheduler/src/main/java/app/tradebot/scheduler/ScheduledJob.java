package app.tradebot.scheduler;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.runtime.Template;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One enabled ScheduleV2/Schedule event of template.yaml, ready to fire: its parsed expression
 * and zone, the Input to publish and the queue to publish it on.
 *
 * @param id the job's key in schedule_fires and in metrics: {@code <function>.<EventName>}
 */
record ScheduledJob(String id, String function, String eventName, ScheduleExpression expression, ZoneId zone,
        String input, String queue, String scheduleArn) {

    static final String SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";
    static final String EXECUTION_ID = "<aws.scheduler.execution-id>";
    static final String ATTEMPT_NUMBER = "<aws.scheduler.attempt-number>";
    static final String SCHEDULE_ARN = "<aws.scheduler.schedule-arn>";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every enabled schedule of the template; the first invalid one stops start-up, naming its function. */
    static List<ScheduledJob> from(Template template) {
        return template.schedules().stream().filter(Template.Schedule::enabled).map(ScheduledJob::of).toList();
    }

    static ScheduledJob of(Template.Schedule schedule) {
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(schedule.expression());
        }
        catch (InvalidScheduleExpression e) {
            throw new InvalidSchedule(schedule, e.getMessage());
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(schedule.timezone());
        }
        catch (DateTimeException e) {
            throw new InvalidSchedule(schedule, "ScheduleExpressionTimezone " + schedule.timezone()
                    + " is not an IANA time zone");
        }
        String input = schedule.input() == null ? "{}" : schedule.input();
        String arn = "arn:aws:scheduler:local:000000000000:schedule/default/"
                + Template.logicalIdOf(schedule.function()) + schedule.eventName();
        ScheduledJob job = new ScheduledJob(schedule.function() + "." + schedule.eventName(), schedule.function(),
                schedule.eventName(), expression, zone, input, schedule.queue(), arn);
        try {
            JSON.readTree(job.payload(Instant.EPOCH, new UUID(0, 0)));
        }
        catch (JacksonException e) {
            throw new InvalidSchedule(schedule, "Input is not JSON: " + e.getOriginalMessage());
        }
        return job;
    }

    /** The Spring Cloud Stream binding that publishes to {@link #queue()}; one per function. */
    static String bindingName(String function) {
        return "scheduler-" + function;
    }

    String bindingName() {
        return bindingName(function);
    }

    Optional<Instant> next(Instant after) {
        return expression.next(after, zone);
    }

    /** The Input with EventBridge Scheduler's context attributes filled in, as a target receives it. */
    String payload(Instant scheduledTime, UUID executionId) {
        return input.replace(SCHEDULED_TIME, DateTimeFormatter.ISO_INSTANT.format(scheduledTime))
                .replace(EXECUTION_ID, executionId.toString())
                .replace(ATTEMPT_NUMBER, "1")
                .replace(SCHEDULE_ARN, scheduleArn);
    }

    /** A schedule in template.yaml that cannot run; stops start-up. */
    static final class InvalidSchedule extends IllegalStateException {

        InvalidSchedule(Template.Schedule schedule, String reason) {
            super("template.yaml: schedule " + schedule.eventName() + " of function " + schedule.function() + " ("
                    + Template.logicalIdOf(schedule.function()) + "): " + reason);
        }
    }
}
