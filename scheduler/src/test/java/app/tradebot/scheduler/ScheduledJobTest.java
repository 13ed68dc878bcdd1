package app.tradebot.scheduler;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.tradebot.runtime.Template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduledJobTest {

    @Test
    void payloadHasTheContextAttributesFilledIn() {
        ScheduledJob job = ScheduledJob.of(new Template.Schedule("purgeAuditEvents", "Daily", "cron(15 3 * * ? *)",
                "UTC", "{\"at\":\"<aws.scheduler.scheduled-time>\",\"id\":\"<aws.scheduler.execution-id>\","
                        + "\"attempt\":<aws.scheduler.attempt-number>,\"arn\":\"<aws.scheduler.schedule-arn>\"}",
                true));
        UUID id = UUID.fromString("5b3c1f7e-0f6a-4a53-9b1e-2d5f8c9a0b11");
        assertThat(job.payload(Instant.parse("2026-11-28T03:15:00Z"), id)).isEqualTo("{\"at\":\"2026-11-28T03:15:00Z\","
                + "\"id\":\"5b3c1f7e-0f6a-4a53-9b1e-2d5f8c9a0b11\",\"attempt\":1,"
                + "\"arn\":\"arn:aws:scheduler:local:000000000000:schedule/default/PurgeAuditEventsFunctionDaily\"}");
        assertThat(job.id()).isEqualTo("purgeAuditEvents.Daily");
        assertThat(job.queue()).isEqualTo("schedule.purgeAuditEvents");
    }

    @Test
    void absentInputIsAnEmptyObject() {
        ScheduledJob job = ScheduledJob.of(new Template.Schedule("tick", "Every", "rate(1 minute)", "UTC", null, true));
        assertThat(job.payload(Instant.EPOCH, UUID.randomUUID())).isEqualTo("{}");
    }

    @Test
    void theRepositoryTemplateSchedulesAreValid() {
        assertThat(ScheduledJob.from(Template.load())).extracting(ScheduledJob::id).contains("purgeAuditEvents.Daily");
    }

    @Test
    void aBadExpressionStopsStartUpNamingTheFunction() {
        Template template = Template.parse(template("cron(15 3 * * *)", "UTC", "'{}'"));
        assertThatThrownBy(() -> ScheduledJob.from(template))
                .isInstanceOf(ScheduledJob.InvalidSchedule.class)
                .hasMessageContaining("schedule Nightly of function sweepThings (SweepThingsFunction)")
                .hasMessageContaining("cron(15 3 * * *)")
                .hasMessageContaining("expected 6 fields");
    }

    @Test
    void anUnknownTimeZoneStopsStartUpNamingTheFunction() {
        Template template = Template.parse(template("rate(1 day)", "Europe/Atlantis", "'{}'"));
        assertThatThrownBy(() -> ScheduledJob.from(template))
                .isInstanceOf(ScheduledJob.InvalidSchedule.class)
                .hasMessageContaining("function sweepThings")
                .hasMessageContaining("Europe/Atlantis is not an IANA time zone");
    }

    @Test
    void inputThatIsNotJsonStopsStartUp() {
        Template template = Template.parse(template("rate(1 day)", "UTC", "'{\"job\": <aws.scheduler.scheduled-time>}'"));
        assertThatThrownBy(() -> ScheduledJob.from(template))
                .isInstanceOf(ScheduledJob.InvalidSchedule.class)
                .hasMessageContaining("function sweepThings")
                .hasMessageContaining("Input is not JSON");
    }

    @Test
    void disabledSchedulesAreLeftOut() {
        Template template = Template.parse(template("rate(1 day)", "UTC", "'{}'").replace("Enabled: true",
                "Enabled: false"));
        assertThat(ScheduledJob.from(template)).isEmpty();
    }

    private static String template(String expression, String zone, String input) {
        return """
                Resources:
                  SweepThingsFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          SPRING_CLOUD_FUNCTION_DEFINITION: sweepThings
                      Events:
                        Nightly:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: %s
                            ScheduleExpressionTimezone: %s
                            Input: %s
                            Enabled: true
                """.formatted(expression, zone, input);
    }
}
